//! Migrations keep the data they find: each one that reshapes a table is run over rows
//! written by the schema before it, on both backends.

use crate::common::{Backend, pg_admin_url, with_database};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use uuid::Uuid;

on_both_backends!(
    quotes_parts_become_periods_and_come_back,
    the_consent_flag_becomes_a_history_per_association
);

async fn fresh(backend: Backend) -> (DatabaseConnection, Option<String>) {
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("koprogo-mig-{}.db", Uuid::now_v7()));
            let url = format!("sqlite://{}?mode=rwc", path.display());
            (koprogo::db::connect(&url, 1).await.unwrap(), None)
        }
        Backend::Postgres => {
            let name = format!("koprogo_m_{}", Uuid::now_v7().simple());
            let admin = koprogo::db::connect(&pg_admin_url(), 1).await.unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            let url = with_database(&pg_admin_url(), &name);
            (koprogo::db::connect(&url, 1).await.unwrap(), Some(name))
        }
    }
}

async fn drop_pg(name: Option<String>) {
    if let Some(name) = name {
        let admin = koprogo::db::connect(&pg_admin_url(), 1).await.unwrap();
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
            .await
            .unwrap();
    }
}

async fn numbers(db: &DatabaseConnection, sql: &str) -> Vec<i64> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.try_get_by_index::<i64>(0).unwrap())
        .collect()
}

async fn quotes_parts_become_periods_and_come_back(backend: Backend) {
    let (db, pg_name) = fresh(backend).await;
    // The schema as of migration 000008, with a building and two lots in it.
    Migrator::up(&db, Some(8)).await.unwrap();
    let (org, building) = (Uuid::now_v7(), Uuid::now_v7());
    let now = "2026-01-01 10:00:00+00";
    for sql in [
        format!(
            "INSERT INTO organizations (id, slug, name, kind, created_at) VALUES ('{org}', 'm', 'M', 'syndic_firm', '{now}')"
        ),
        format!(
            "INSERT INTO buildings (id, organization_id, name, street, postal_code, city, total_quota, basic_deed_date, fiscal_year_start_month, fiscal_year_start_day, version, created_at, updated_at) VALUES ('{building}', '{org}', 'B', 'Rue 1', '1000', 'Bruxelles', 1000, '1967-05-12', 1, 1, 1, '{now}', '{now}')"
        ),
        format!(
            "INSERT INTO lots (id, organization_id, building_id, number, kind, quota, version, created_at, updated_at) VALUES ('{}', '{org}', '{building}', 'A1', 'apartment', 600, 1, '{now}', '{now}')",
            Uuid::now_v7()
        ),
        format!(
            "INSERT INTO lots (id, organization_id, building_id, number, kind, quota, version, created_at, updated_at) VALUES ('{}', '{org}', '{building}', 'A2', 'apartment', 350, 1, '{now}', '{now}')",
            Uuid::now_v7()
        ),
    ] {
        db.execute_unprepared(&sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    Migrator::up(&db, None).await.unwrap();
    // The figures are the first periods, in force since the basic deed.
    assert_eq!(
        numbers(&db, "SELECT quota FROM quota_periods WHERE lot_id IS NULL AND valid_from IS NULL AND valid_to IS NULL").await,
        [1000]
    );
    assert_eq!(
        numbers(&db, "SELECT quota FROM quota_periods WHERE lot_id IS NOT NULL AND valid_from IS NULL ORDER BY quota").await,
        [350, 600]
    );
    assert_eq!(
        numbers(
            &db,
            "SELECT COUNT(*) FROM quota_periods WHERE basis = 'deed' AND basis_date IS NOT NULL"
        )
        .await,
        [3]
    );
    // The columns they came from are gone: a figure is kept once.
    let old = db.execute_unprepared("SELECT quota FROM lots").await;
    assert!(old.is_err(), "lots.quota is still there");
    // And back down, the figures in force return to their columns.
    let after_eight = (Migrator::migrations().len() - 8) as u32;
    Migrator::down(&db, Some(after_eight)).await.unwrap();
    assert_eq!(
        numbers(&db, "SELECT quota FROM lots ORDER BY quota").await,
        [350, 600]
    );
    assert_eq!(
        numbers(&db, "SELECT total_quota FROM buildings").await,
        [1000]
    );
    db.close().await.unwrap();
    if let Some(name) = pg_name {
        let admin = koprogo::db::connect(&pg_admin_url(), 1).await.unwrap();
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
            .await
            .unwrap();
    }
}

async fn the_consent_flag_becomes_a_history_per_association(backend: Backend) {
    let (db, pg_name) = fresh(backend).await;
    Migrator::up(&db, Some(12)).await.unwrap();
    let backend = db.get_database_backend();
    let [org, building, other, lot, other_lot, owner, silent] = [(); 7].map(|_| Uuid::now_v7());
    let now = chrono::DateTime::parse_from_rfc3339("2023-04-05T22:30:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let run = |sql: &str, values: Vec<sea_orm::Value>| {
        let statement = Statement::from_sql_and_values(backend, sql, values);
        let db = &db;
        async move { db.execute_raw(statement).await.unwrap() }
    };
    let p = |n: usize| match backend {
        sea_orm::DatabaseBackend::Postgres => format!("${n}"),
        _ => "?".into(),
    };
    run(
        &format!("INSERT INTO organizations (id, slug, name, kind, created_at) VALUES ({}, 'm', 'M', 'syndic_firm', {})", p(1), p(2)),
        vec![org.into(), now.into()],
    )
    .await;
    for (id, lot_id) in [(building, lot), (other, other_lot)] {
        run(
            &format!("INSERT INTO buildings (id, organization_id, name, street, postal_code, city, fiscal_year_start_month, fiscal_year_start_day, remote_participation, version, created_at, updated_at) VALUES ({}, {}, 'B', 'Rue 1', '1000', 'Bruxelles', 1, 1, false, 1, {}, {})", p(1), p(2), p(3), p(4)),
            vec![id.into(), org.into(), now.into(), now.into()],
        )
        .await;
        run(
            &format!("INSERT INTO lots (id, organization_id, building_id, number, kind, version, created_at, updated_at) VALUES ({}, {}, {}, 'A1', 'apartment', 1, {}, {})", p(1), p(2), p(3), p(4), p(5)),
            vec![lot_id.into(), org.into(), id.into(), now.into(), now.into()],
        )
        .await;
    }
    // One owner who consented (holding a lot in each building), one who did not.
    for (id, consent) in [(owner, Some(now)), (silent, None)] {
        run(
            &format!("INSERT INTO owners (id, organization_id, kind, last_name, street, postal_code, city, country, email, locale, email_consent_at, version, created_at, updated_at) VALUES ({}, {}, 'natural', 'X', 'Rue 1', '1000', 'Bruxelles', 'BE', 'x@example.be', 'fr', {}, 1, {}, {})", p(1), p(2), p(3), p(4), p(5)),
            vec![id.into(), org.into(), consent.into(), now.into(), now.into()],
        )
        .await;
    }
    for (lot_id, holder) in [(lot, owner), (other_lot, owner), (lot, silent)] {
        run(
            &format!("INSERT INTO ownerships (id, organization_id, lot_id, owner_id, \"right\", share_numerator, share_denominator, valid_from, version, created_at) VALUES ({}, {}, {}, {}, 'full_ownership', 1, 2, '2020-01-01', 1, {})", p(1), p(2), p(3), p(4), p(5)),
            vec![Uuid::now_v7().into(), org.into(), lot_id.into(), holder.into(), now.into()],
        )
        .await;
    }
    Migrator::up(&db, None).await.unwrap();
    // One consent per association of the owner who had the flag, dated the flag's day.
    assert_eq!(
        numbers(&db, "SELECT COUNT(*) FROM email_consents WHERE given_on = '2023-04-05' AND address = 'x@example.be' AND ended_on IS NULL").await,
        [2]
    );
    assert_eq!(
        numbers(&db, "SELECT COUNT(*) FROM email_consents").await,
        [2]
    );
    let flag = db
        .execute_unprepared("SELECT email_consent_at FROM owners")
        .await;
    assert!(flag.is_err(), "owners.email_consent_at is still there");
    // Down again, the flag is back for the owner with a consent in force.
    let after_twelve = (Migrator::migrations().len() - 12) as u32;
    Migrator::down(&db, Some(after_twelve)).await.unwrap();
    assert_eq!(
        numbers(
            &db,
            "SELECT COUNT(*) FROM owners WHERE email_consent_at IS NOT NULL"
        )
        .await,
        [1]
    );
    db.close().await.unwrap();
    drop_pg(pg_name).await;
}
