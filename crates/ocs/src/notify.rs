//! The systemd notification protocol (`sd_notify(3)`), spoken by hand: one datagram per
//! message to the unix socket named in `$NOTIFY_SOCKET`. `ocs serve` sends `READY=1` once it
//! listens (so `Type=notify` units start their dependants only then), `WATCHDOG=1` at half
//! the interval in `$WATCHDOG_USEC` while its runtime is alive, and `STOPPING=1` at shutdown.
//! Without `$NOTIFY_SOCKET` (not under systemd) every call does nothing.

use std::io;
use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::time::Duration;

/// Where the notifications go, from `$NOTIFY_SOCKET`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotifySocket {
    /// A socket file.
    Path(std::path::PathBuf),
    /// A Linux abstract socket (`@name` in the variable).
    Abstract(Vec<u8>),
}

impl NotifySocket {
    /// The socket named in `$NOTIFY_SOCKET`, if it is set and not empty.
    pub fn from_env() -> Option<Self> {
        Self::parse(&std::env::var_os("NOTIFY_SOCKET")?)
    }

    /// Reads the variable's value: `@name` is abstract, anything else a path.
    pub fn parse(value: &std::ffi::OsStr) -> Option<Self> {
        use std::os::unix::ffi::OsStrExt as _;
        let bytes = value.as_bytes();
        match bytes.split_first() {
            None => None,
            Some((b'@', name)) => Some(Self::Abstract(name.to_vec())),
            Some(_) => Some(Self::Path(Path::new(value).to_owned())),
        }
    }

    /// Sends `state` (newline-separated `KEY=VALUE` lines) as one datagram.
    pub fn send(&self, state: &str) -> io::Result<()> {
        let socket = UnixDatagram::unbound()?;
        let sent = match self {
            Self::Path(path) => socket.send_to(state.as_bytes(), path)?,
            Self::Abstract(name) => {
                use std::os::linux::net::SocketAddrExt as _;
                let address = std::os::unix::net::SocketAddr::from_abstract_name(name)?;
                socket.send_to_addr(state.as_bytes(), &address)?
            }
        };
        if sent == state.len() {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::WriteZero,
                "short notification datagram",
            ))
        }
    }
}

/// Sends `state` to the service manager if there is one; a failure is logged, never fatal
/// (the server works the same without systemd).
pub fn notify(state: &str) {
    if let Some(socket) = NotifySocket::from_env()
        && let Err(error) = socket.send(state)
    {
        tracing::warn!(%error, "could not notify the service manager");
    }
}

/// The server listens on `address`: `READY=1` with a status line.
pub fn ready(address: std::net::SocketAddr) {
    notify(&format!("READY=1\nSTATUS=listening on {address}"));
}

/// The server is shutting down: `STOPPING=1`.
pub fn stopping() {
    notify("STOPPING=1\nSTATUS=shutting down: committing queued statements");
}

/// How often to send `WATCHDOG=1`: half the interval systemd gave in `$WATCHDOG_USEC`, if it
/// is meant for this process (`$WATCHDOG_PID` unset or ours).
pub fn watchdog_period() -> Option<Duration> {
    period_from(
        std::env::var("WATCHDOG_USEC").ok().as_deref(),
        std::env::var("WATCHDOG_PID").ok().as_deref(),
        std::process::id(),
    )
}

fn period_from(usec: Option<&str>, pid: Option<&str>, own_pid: u32) -> Option<Duration> {
    if let Some(pid) = pid
        && pid.trim().parse::<u32>().ok() != Some(own_pid)
    {
        return None;
    }
    let usec: u64 = usec?.trim().parse().ok().filter(|&usec| usec > 0)?;
    Some(Duration::from_micros(usec / 2))
}

/// The watchdog task: `WATCHDOG=1` every `period` on the server's runtime, so a runtime that
/// stops making progress is restarted by systemd (`WatchdogSec=`). `None` when no watchdog
/// is asked for.
pub fn watchdog() -> Option<impl std::future::Future<Output = ()> + Send + 'static> {
    let socket = NotifySocket::from_env()?;
    let period = watchdog_period()?;
    Some(async move {
        let mut tick = tokio::time::interval(period);
        loop {
            tick.tick().await;
            if let Err(error) = socket.send("WATCHDOG=1") {
                tracing::warn!(%error, "could not feed the watchdog");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real datagram socket plays systemd: it receives exactly what was sent.
    #[test]
    fn notifications_arrive_as_datagrams_on_a_path_socket() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify.sock");
        let manager = UnixDatagram::bind(&path).unwrap();
        let socket = NotifySocket::parse(path.as_os_str()).unwrap();
        socket
            .send("READY=1\nSTATUS=listening on 127.0.0.1:8080")
            .unwrap();
        socket.send("WATCHDOG=1").unwrap();
        let mut buffer = [0u8; 256];
        let length = manager.recv(&mut buffer).unwrap();
        assert_eq!(
            &buffer[..length],
            b"READY=1\nSTATUS=listening on 127.0.0.1:8080"
        );
        let length = manager.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..length], b"WATCHDOG=1");
    }

    #[test]
    fn notifications_arrive_on_an_abstract_socket() {
        use std::os::linux::net::SocketAddrExt as _;
        let name = format!("ocs-notify-test-{}", std::process::id());
        let address = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()).unwrap();
        let manager = UnixDatagram::bind_addr(&address).unwrap();
        let socket = NotifySocket::parse(format!("@{name}").as_ref()).unwrap();
        assert_eq!(socket, NotifySocket::Abstract(name.into_bytes()));
        socket.send("STOPPING=1").unwrap();
        let mut buffer = [0u8; 64];
        let length = manager.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..length], b"STOPPING=1");
    }

    #[test]
    fn no_socket_no_notification() {
        assert_eq!(NotifySocket::parse("".as_ref()), None);
        let dir = tempfile::tempdir().unwrap();
        let missing = NotifySocket::parse(dir.path().join("gone.sock").as_os_str()).unwrap();
        assert!(missing.send("READY=1").is_err());
    }

    #[test]
    fn the_watchdog_is_fed_at_half_its_interval_and_only_in_its_process() {
        assert_eq!(
            period_from(Some("30000000"), None, 7),
            Some(Duration::from_secs(15))
        );
        assert_eq!(
            period_from(Some("30000000"), Some("7"), 7),
            Some(Duration::from_secs(15))
        );
        assert_eq!(period_from(Some("30000000"), Some("8"), 7), None);
        assert_eq!(period_from(None, None, 7), None);
        assert_eq!(period_from(Some("0"), None, 7), None);
        assert_eq!(period_from(Some("soon"), None, 7), None);
    }
}
