"""The toegangslog page: who saw and changed a client's dossier, looked up by BSN. It lives in
clients because it looks clients up; the audit log itself stays in deventer_werk.audit (which
imports no app). The URL namespace stays ``audit``."""
