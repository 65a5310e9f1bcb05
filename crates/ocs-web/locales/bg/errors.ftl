# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Достъпът до този адрес не е разрешен.
error-REQ-404 = { not-found-text }
error-REQ-405 = Този адрес не приема такъв вид заявка.
error-REQ-503 = { console-error-storage }
error-CON-004 = Този профил няма право да извършва това действие.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Съподписът не е от свидетел, приет от този регистър, или не е валиден.
error-LOG-002 = Съподписаната контролна точка не е най-новата в регистъра; изтеглете я отново.
