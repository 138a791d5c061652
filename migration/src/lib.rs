//! Schema migrations. Written with the portable schema builder so the same files run on
//! PostgreSQL (production) and SQLite (embedded default).

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_foundation;
mod m20261124_000002_register;
mod m20261124_000003_building_scope;
mod m20261201_000004_hardening;
mod m20261201_000005_identity_changes;
mod m20261201_000006_register_changes;
mod m20261201_000007_bank_accounts;
mod m20261201_000008_mandataries;
mod m20261201_000009_quota_periods;
mod m20261201_000010_transfer_dates;
mod m20261201_000011_association_facts;
mod m20261201_000012_holding_versions;
mod m20261201_000013_email_consents;
mod m20261201_000014_owner_agents;
mod m20261201_000015_transfer_deeds;
mod m20261202_000016_second_factor;
mod m20261202_000017_email_changes;
mod m20261202_000018_oidc_identities;
mod m20261203_000019_documents;

mod register_watch;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_foundation::Migration),
            Box::new(m20261124_000002_register::Migration),
            Box::new(m20261124_000003_building_scope::Migration),
            Box::new(m20261201_000004_hardening::Migration),
            Box::new(m20261201_000005_identity_changes::Migration),
            Box::new(m20261201_000006_register_changes::Migration),
            Box::new(m20261201_000007_bank_accounts::Migration),
            Box::new(m20261201_000008_mandataries::Migration),
            Box::new(m20261201_000009_quota_periods::Migration),
            Box::new(m20261201_000010_transfer_dates::Migration),
            Box::new(m20261201_000011_association_facts::Migration),
            Box::new(m20261201_000012_holding_versions::Migration),
            Box::new(m20261201_000013_email_consents::Migration),
            Box::new(m20261201_000014_owner_agents::Migration),
            Box::new(m20261201_000015_transfer_deeds::Migration),
            Box::new(m20261202_000016_second_factor::Migration),
            Box::new(m20261202_000017_email_changes::Migration),
            Box::new(m20261202_000018_oidc_identities::Migration),
            Box::new(m20261203_000019_documents::Migration),
        ]
    }
}
