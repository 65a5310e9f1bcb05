//! How a command reaches the [`Operator`]: over the running server's administration
//! socket, or with the application assembled in this process ([`submit`]). Above the
//! operator, the socket and the start-up, so none of them depends on another in a circle.

use anyhow::bail;
use ocs_service::audit::Actor;

use crate::app::App;
use crate::backend::Backend;
use crate::config::Config;
use crate::operator::{
    AdminReply, AdminRequest, Operator, audit_report, refuse_missing_file, terminal_safe,
};
use crate::runtime::Workload;
use crate::startup;

/// Carries out `request` for the operator named `label`: through the running server's
/// administration socket when there is one, else in this process. Prints the outcome;
/// a refusal is an error (exit code 1).
pub fn submit(config: &Config, label: &str, request: AdminRequest) -> anyhow::Result<()> {
    let reply = match crate::admin_socket::connect(config)? {
        Some(connection) => connection.send(label, &request)?,
        None => run_here(config, label, request)?,
    };
    match reply {
        AdminReply::Done(text) => {
            if !text.is_empty() {
                println!("{}", terminal_safe(&text));
            }
            Ok(())
        }
        AdminReply::Refused(text) => bail!("{}", terminal_safe(&text)),
    }
}

/// Like [`submit`], but hands back the reply's text instead of printing it.
pub fn submit_for_reply(
    config: &Config,
    label: &str,
    request: AdminRequest,
) -> anyhow::Result<String> {
    let reply = match crate::admin_socket::connect(config)? {
        Some(connection) => connection.send(label, &request)?,
        None => run_here(config, label, request)?,
    };
    match reply {
        AdminReply::Done(text) => Ok(text),
        AdminReply::Refused(text) => bail!("{}", terminal_safe(&text)),
    }
}

/// No server holds the database: assemble the application here (as `ocs serve` does) and
/// carry out the request with it.
fn run_here(config: &Config, label: &str, request: AdminRequest) -> anyhow::Result<AdminReply> {
    let actor = Actor::Operator(label.to_owned());
    crate::runtime::block_on(Workload::Assembled, async {
        if request.reads_audit_only() {
            // Reading the trail needs no secrets: an auditor may hold only the database.
            refuse_missing_file(&config.database)?;
            let backend = Backend::open_url(&config.database).await?;
            let reply = audit_report(backend.store().as_ref(), &request).await;
            backend.close().await?;
            return Ok(reply);
        }
        let app = startup::build(config).await?;
        let operator = Operator::from_app(config, &app);
        let reply = operator.execute(&actor, request).await;
        drop(operator);
        close(app).await?;
        Ok(reply)
    })
}

/// Closes an application that served no requests, after its last commit.
async fn close(app: App) -> anyhow::Result<()> {
    let App {
        router,
        signing,
        destruction,
        mail,
        lifecycle,
        setup,
        backend,
        web,
        console,
        tally_log,
        backups,
    } = app;
    drop((router, signing, destruction, mail, lifecycle, setup));
    drop((web, console, tally_log, backups));
    backend.close().await
}
