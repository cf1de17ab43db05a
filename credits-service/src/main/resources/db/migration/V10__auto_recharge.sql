-- Auto-recharge (issue 19): subscription-service owns the settings and tells this service the threshold
-- (AutoRechargeConfigured). A balance change that takes available from at or above it to below it is one crossing
-- (AutoRechargeTriggered). null: auto-recharge is off, nothing is detected. version: the settings' version last
-- applied (null: never configured); an older or equal one arriving late is ignored.
alter table credit_account add column auto_recharge_threshold numeric(19,4);
alter table credit_account add column auto_recharge_version integer;
