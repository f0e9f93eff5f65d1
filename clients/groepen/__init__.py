"""Group membership of clients (model, QuerySet, services): the one home of the membership
rules. The klantgroepen app holds the configuration (Klantgroep) only."""
