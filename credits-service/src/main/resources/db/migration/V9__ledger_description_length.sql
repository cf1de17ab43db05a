-- An ops adjustment's description is its reason (up to 300 characters) and, for a dated credit, ", valid until <instant>"
-- (44 more): 300 was a 500 at insert for a long reason with an expiry. Widening a varchar rewrites no rows.
alter table ledger_entry alter column description type varchar(400);
