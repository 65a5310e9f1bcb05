# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Níl rochtain ar an seoladh seo ceadaithe.
error-REQ-404 = { not-found-text }
error-REQ-405 = Ní ghlacann an seoladh seo leis an gcineál seo iarratais.
error-REQ-503 = { console-error-storage }
error-CON-004 = Níl cead ag an gcuntas seo é seo a dhéanamh.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Níl an comhshíniú ó fhinné a nglacann an loga seo leis, nó níl sé bailí.
error-LOG-002 = Ní hé an seicphointe comhshínithe an ceann is déanaí sa loga; faigh arís é.
