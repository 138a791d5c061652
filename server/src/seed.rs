//! Demo data: a syndic firm with two buildings and a self-managed co-ownership with one,
//! lots of every kind, owners (one lot held 50/50, one in bare ownership and usufruct, one
//! company), and one user per role. Running it again changes nothing (every step looks
//! before it writes).

use app::domain::register::{
    BankAccountInput, BuildingInput, ConsentInput, LotInput, OwnerInput, Right, Share,
};
use app::domain::{Actor, AppError, Email, Locale, Role, Slug};
use app::ssr::services::{accounts, buildings, holdings, lots, organizations, owners};
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

pub const DEMO_PASSWORD: &str = "koprogo-demo-2026";

pub struct DemoUser {
    pub email: &'static str,
    pub name: &'static str,
    pub locale: Locale,
    pub superadmin: bool,
    pub roles: &'static [(&'static str, Role)],
}

pub const FIRM: (&str, &str, &str) = ("syndic-dupont", "Syndic Dupont & Associés", "syndic_firm");
pub const SELF_MANAGED: (&str, &str, &str) = (
    "acp-les-tilleuls",
    "ACP Résidence Les Tilleuls",
    "self_managed",
);

pub const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        email: "admin@demo.koprogo.be",
        name: "Alice Admin",
        locale: Locale::En,
        superadmin: true,
        roles: &[],
    },
    DemoUser {
        email: "syndic@demo.koprogo.be",
        name: "Sophie Dupont",
        locale: Locale::Fr,
        superadmin: false,
        roles: &[
            ("syndic-dupont", Role::Syndic),
            ("acp-les-tilleuls", Role::Syndic),
        ],
    },
    DemoUser {
        email: "accountant@demo.koprogo.be",
        name: "Pieter Janssens",
        locale: Locale::Nl,
        superadmin: false,
        roles: &[("syndic-dupont", Role::Accountant)],
    },
    DemoUser {
        email: "council@demo.koprogo.be",
        name: "Marc Lambert",
        locale: Locale::Fr,
        superadmin: false,
        roles: &[
            ("syndic-dupont", Role::BoardMember),
            ("syndic-dupont", Role::Owner),
        ],
    },
    DemoUser {
        email: "owner@demo.koprogo.be",
        name: "Anna Peeters",
        locale: Locale::Nl,
        superadmin: false,
        roles: &[
            ("syndic-dupont", Role::Owner),
            ("acp-les-tilleuls", Role::Owner),
        ],
    },
    DemoUser {
        email: "owner2@demo.koprogo.be",
        name: "Jonas Weber",
        locale: Locale::De,
        superadmin: false,
        roles: &[("syndic-dupont", Role::Owner)],
    },
    DemoUser {
        email: "contractor@demo.koprogo.be",
        name: "Karim Benali",
        locale: Locale::Fr,
        superadmin: false,
        roles: &[("syndic-dupont", Role::Contractor)],
    },
];

/// Why the demo seed refused to run.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(
        "this database holds organisations that are not the demo's ({0}); the demo seed \
         would add users with a published password to it. Use an empty database, or pass \
         --force to add the demo organisations without the platform administrator"
    )]
    NotADemoDatabase(String),
    #[error(transparent)]
    App(#[from] AppError),
}

/// Slugs of organisations that are not the demo's, if any.
async fn foreign_organizations(db: &DatabaseConnection) -> Result<Vec<String>, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let slugs: Vec<String> = entity::organization::Entity::find()
        .select_only()
        .column(entity::organization::Column::Slug)
        .filter(entity::organization::Column::Slug.is_not_in([FIRM.0, SELF_MANAGED.0]))
        .limit(5)
        .into_tuple()
        .all(db)
        .await?;
    Ok(slugs)
}

/// Seeds the demo. On a database that already serves real organisations it refuses unless
/// `force`; forced, it still never creates the platform administrator there, whose password
/// is printed in the README.
pub async fn run(db: &DatabaseConnection, force: bool) -> Result<(), SeedError> {
    let foreign = foreign_organizations(db).await?;
    if !foreign.is_empty() && !force {
        return Err(SeedError::NotADemoDatabase(foreign.join(", ")));
    }
    let demo_only = foreign.is_empty();
    Ok(seed(db, demo_only).await?)
}

async fn seed(db: &DatabaseConnection, demo_only: bool) -> Result<(), AppError> {
    let system = Actor::system();
    let work = app::ssr::work::Work::default();
    for (slug, name, kind) in [FIRM, SELF_MANAGED] {
        let parsed = Slug::parse(slug).map_err(|_| AppError::Internal)?;
        if organizations::find_by_slug(db, &parsed).await?.is_none() {
            organizations::create(db, &system, slug, name, kind).await?;
        }
    }
    for demo in DEMO_USERS {
        if demo.superadmin && !demo_only {
            tracing::warn!(
                email = demo.email,
                "not creating the demo platform administrator beside real organisations"
            );
            continue;
        }
        let email = Email::parse(demo.email).map_err(|_| AppError::Internal)?;
        let user = match accounts::find_by_email(db, &email).await? {
            Some(user) => user,
            None => {
                accounts::create_user(
                    db,
                    &work,
                    accounts::NewUser {
                        email: demo.email,
                        password: DEMO_PASSWORD,
                        display_name: demo.name,
                        locale: demo.locale,
                        is_superadmin: demo.superadmin,
                    },
                    None,
                )
                .await?
            }
        };
        for (slug, role) in demo.roles {
            let slug = Slug::parse(slug).map_err(|_| AppError::Internal)?;
            let org = organizations::find_by_slug(db, &slug)
                .await?
                .ok_or(AppError::Internal)?;
            organizations::grant(db, None, org.id, user.id, *role).await?;
        }
    }
    seed_register(db).await?;
    seed_council(db).await
}

/// An owner of the demo: `(key, first name, last name, e-mail, language, street, postcode,
/// city)`; a company when the first name is empty.
type DemoOwner = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const OWNERS: &[DemoOwner] = &[
    (
        "anna",
        "Anna",
        "Peeters",
        "owner@demo.koprogo.be",
        "nl",
        "Meir 10",
        "2000",
        "Antwerpen",
    ),
    (
        "jonas",
        "Jonas",
        "Weber",
        "owner2@demo.koprogo.be",
        "de",
        "Aachener Straße 5",
        "4700",
        "Eupen",
    ),
    (
        "marc",
        "Marc",
        "Lambert",
        "council@demo.koprogo.be",
        "fr",
        "Avenue Louise 200",
        "1050",
        "Ixelles",
    ),
    (
        "claire",
        "Claire",
        "Dubois",
        "claire.dubois@example.be",
        "fr",
        "Rue Haute 12",
        "1000",
        "Bruxelles",
    ),
    (
        "louis",
        "Louis",
        "Dubois",
        "",
        "fr",
        "Rue Haute 12",
        "1000",
        "Bruxelles",
    ),
    (
        "nadia",
        "Nadia",
        "El Amrani",
        "nadia.elamrani@example.be",
        "fr",
        "Chaussée de Wavre 80",
        "1050",
        "Ixelles",
    ),
    (
        "immo",
        "",
        "Immo Zonnehof BV",
        "info@immozonnehof.example.be",
        "nl",
        "Korenmarkt 3",
        "9000",
        "Gent",
    ),
    (
        "lotte",
        "Lotte",
        "Maes",
        "lotte.maes@example.be",
        "nl",
        "Veldstraat 44",
        "9000",
        "Gent",
    ),
    (
        "tom",
        "Tom",
        "Claes",
        "tom.claes@example.be",
        "nl",
        "Sint-Pietersnieuwstraat 9",
        "9000",
        "Gent",
    ),
];

/// A demo building: its form, bank accounts, and lots `(number, kind, floor, m², quota,
/// holders as (owner key, right, share))`.
struct DemoBuilding {
    organization: &'static str,
    building: [&'static str; 8],
    accounts: &'static [(&'static str, &'static str, &'static str)],
    /// The name the accounts are held in: the association's.
    holder: &'static str,
    held_since: (i32, u32, u32),
    lots: &'static [DemoLot],
}

type DemoLot = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u64,
    &'static [(&'static str, Right, &'static str)],
);

const WHOLE: Right = Right::FullOwnership;

const BUILDINGS: &[DemoBuilding] = &[
    DemoBuilding {
        organization: "syndic-dupont",
        // name, street, postcode, city, enterprise number, total, built, basic deed
        building: [
            "Résidence Les Jardins",
            "Rue du Trône 98",
            "1050",
            "Ixelles",
            "0850.123.440",
            "1000",
            "1972",
            "1971-03-15",
        ],
        accounts: &[
            (
                "BE21 0012 3456 7803",
                "working_capital",
                "Fonds de roulement",
            ),
            ("BE94 7350 0123 4514", "reserve", "Fonds de réserve"),
        ],
        holder: "ACP Résidence Les Jardins",
        held_since: (2015, 6, 1),
        lots: &[
            ("A0", "commercial", "0", "95", 160, &[("immo", WHOLE, "1")]),
            (
                "A1",
                "apartment",
                "1",
                "85.5",
                150,
                &[("anna", WHOLE, "1/2"), ("jonas", WHOLE, "1/2")],
            ),
            ("A2", "apartment", "2", "85.5", 150, &[("marc", WHOLE, "1")]),
            (
                "A3",
                "apartment",
                "3",
                "72",
                130,
                &[
                    ("louis", Right::Usufruct, "1"),
                    ("claire", Right::BareOwnership, "1"),
                ],
            ),
            ("B1", "apartment", "1", "64", 120, &[("nadia", WHOLE, "1")]),
            ("B2", "apartment", "2", "64", 120, &[("anna", WHOLE, "1")]),
            ("B3", "apartment", "3", "58", 110, &[("claire", WHOLE, "1")]),
            ("P1", "parking", "-1", "12.5", 30, &[("marc", WHOLE, "1")]),
            ("P2", "parking", "-1", "12.5", 30, &[("nadia", WHOLE, "1")]),
        ],
    },
    DemoBuilding {
        organization: "syndic-dupont",
        building: [
            "Gebouw Zonnehof",
            "Kortrijksesteenweg 120",
            "9000",
            "Gent",
            "0871.234.501",
            "10000",
            "2004",
            "2003-09-01",
        ],
        accounts: &[("BE15 0689 8765 4330", "working_capital", "Werkkapitaal")],
        holder: "VME Gebouw Zonnehof",
        held_since: (2019, 1, 15),
        lots: &[
            ("1", "apartment", "0", "78", 2600, &[("lotte", WHOLE, "1")]),
            ("2", "apartment", "1", "78", 2600, &[("tom", WHOLE, "1")]),
            ("3", "office", "2", "110", 3400, &[("immo", WHOLE, "1")]),
            ("K1", "cellar", "-1", "6", 400, &[("lotte", WHOLE, "1")]),
            ("K2", "cellar", "-1", "6", 400, &[("tom", WHOLE, "1")]),
            // Lot 4 is still to be registered: the building shows 600 quotes-parts missing.
        ],
    },
    DemoBuilding {
        organization: "acp-les-tilleuls",
        building: [
            "Résidence Les Tilleuls",
            "Avenue des Tilleuls 7",
            "4000",
            "Liège",
            "0654.321.022",
            "1000",
            "1988",
            "1987-11-20",
        ],
        accounts: &[("BE56 3631 2345 6788", "working_capital", "Compte courant")],
        holder: "ACP Résidence Les Tilleuls",
        held_since: (2020, 2, 1),
        lots: &[
            ("1", "house", "0", "120", 400, &[("anna", WHOLE, "1")]),
            ("2", "house", "0", "110", 350, &[("nadia", WHOLE, "1")]),
            (
                "3",
                "house",
                "0",
                "90",
                250,
                &[("claire", WHOLE, "1/3"), ("louis", WHOLE, "2/3")],
            ),
        ],
    },
];

fn owner_input((_, first, last, email, locale, street, postcode, city): &DemoOwner) -> OwnerInput {
    let company = first.is_empty();
    OwnerInput {
        kind: if company { "legal" } else { "natural" }.into(),
        first_name: (*first).into(),
        last_name: (*last).into(),
        company_number: if company {
            "0456.789.034".into()
        } else {
            String::new()
        },
        street: (*street).into(),
        postal_code: (*postcode).into(),
        city: (*city).into(),
        country: "BE".into(),
        email: (*email).into(),
        phone: String::new(),
        locale: (*locale).into(),
    }
}

/// The register of each demo building, written once, each building in one transaction.
async fn seed_register(db: &DatabaseConnection) -> Result<(), AppError> {
    for demo in BUILDINGS {
        let slug = Slug::parse(demo.organization).map_err(|_| AppError::Internal)?;
        let org = organizations::find_by_slug(db, &slug)
            .await?
            .ok_or(AppError::Internal)?;
        let actor = Actor {
            organization_id: Some(org.id),
            ..Actor::system()
        };
        let [
            name,
            street,
            postal_code,
            city,
            enterprise_number,
            total,
            built,
            deed,
        ] = demo.building;
        let existing = buildings::list(db, &uncached(), &actor, true).await?;
        if existing.iter().any(|b| b.name == name) {
            continue;
        }
        let building = buildings::create(
            db,
            &actor,
            &BuildingInput {
                name: name.into(),
                street: street.into(),
                postal_code: postal_code.into(),
                city: city.into(),
                enterprise_number: enterprise_number.into(),
                total_quota: total.into(),
                construction_year: built.into(),
                basic_deed_date: deed.into(),
                fiscal_year_start: "01-01".into(),
            },
        )
        .await?;
        for (iban, purpose, label) in demo.accounts {
            let input = BankAccountInput {
                iban: (*iban).into(),
                purpose: (*purpose).into(),
                label: (*label).into(),
                holder_name: demo.holder.into(),
                ..Default::default()
            };
            buildings::add_account(db, &actor, building.id, &input).await?;
        }
        // Owners are shared across the organisation's buildings: found by name, else created.
        let mut owner_ids = std::collections::HashMap::new();
        let directory = owners::list(db, &actor, &Default::default(), Some(1), Some(200)).await?;
        let needed = |key: &str| {
            demo.lots
                .iter()
                .any(|lot| lot.5.iter().any(|(holder, _, _)| *holder == key))
        };
        for demo_owner in OWNERS.iter().filter(|o| needed(o.0)) {
            let input = owner_input(demo_owner);
            let id = match directory.items.iter().find(|o| {
                o.last_name == input.last_name
                    && o.first_name.as_deref().unwrap_or("") == input.first_name
            }) {
                Some(found) => found.id,
                None => owners::create(db, &actor, &input).await?.id,
            };
            owner_ids.insert(demo_owner.0, id);
        }
        let (y, m, d) = demo.held_since;
        let since = NaiveDate::from_ymd_opt(y, m, d).ok_or(AppError::Internal)?;
        let txn = app::ssr::db::begin_write(db).await?;
        let row = buildings::find_own(&txn, &actor, building.id).await?;
        for (number, kind, floor, area, quota, holders) in demo.lots {
            let details = LotInput {
                number: (*number).into(),
                kind: (*kind).into(),
                floor: (*floor).into(),
                area_m2: (*area).into(),
                quota: quota.to_string(),
                notes: String::new(),
            }
            .validate(building.total_quota)?;
            let holders: Vec<(uuid::Uuid, Right, Share)> = holders
                .iter()
                .map(|(key, right, share)| {
                    Ok((
                        owner_ids[key],
                        *right,
                        Share::parse(share).map_err(|_| AppError::Internal)?,
                    ))
                })
                .collect::<Result<_, AppError>>()?;
            held_lot(&txn, &actor, &row, &details, since, &holders).await?;
        }
        txn.commit().await?;
        // The demo owners with an address agreed in writing to e-mail from this association
        // the day they acquired; the others are written to by registered letter.
        for demo_owner in OWNERS.iter().filter(|o| needed(o.0) && !o.3.is_empty()) {
            let input = ConsentInput {
                building_id: building.id.to_string(),
                given_on: since.to_string(),
                evidence: "Signed consent form (demo)".into(),
            };
            app::ssr::services::consents::give(db, &actor, owner_ids[demo_owner.0], &input).await?;
        }
    }
    Ok(())
}

/// The council member sits on the council of Résidence Les Jardins only.
async fn seed_council(db: &DatabaseConnection) -> Result<(), AppError> {
    let email = Email::parse("council@demo.koprogo.be").map_err(|_| AppError::Internal)?;
    let Some(user) = accounts::find_by_email(db, &email).await? else {
        return Ok(());
    };
    let slug = Slug::parse(FIRM.0).map_err(|_| AppError::Internal)?;
    let org = organizations::find_by_slug(db, &slug)
        .await?
        .ok_or(AppError::Internal)?;
    let memberships = organizations::memberships_of(db, user.id).await?;
    if memberships
        .iter()
        .any(|m| m.organization.id == org.id && !m.buildings.is_empty())
    {
        return Ok(());
    }
    let actor = Actor {
        organization_id: Some(org.id),
        ..Actor::system()
    };
    let jardins = buildings::list(db, &uncached(), &actor, true)
        .await?
        .into_iter()
        .find(|b| b.name == "Résidence Les Jardins")
        .ok_or(AppError::Internal)?;
    organizations::set_member_buildings(db, &actor, user.id, &[jardins.id]).await?;
    Ok(())
}

pub fn print_logins(url: &str) {
    println!();
    println!("  KoproGo is running at {url}");
    println!();
    println!("  Demo logins (password for all: {DEMO_PASSWORD}):");
    for demo in DEMO_USERS {
        let roles: Vec<String> = if demo.superadmin {
            vec!["platform administrator".into()]
        } else {
            demo.roles
                .iter()
                .map(|(org, role)| format!("{role} @ {org}"))
                .collect()
        };
        println!("    {:<28} {}", demo.email, roles.join(", "));
    }
    println!();
}

/// The benchmark's organisation: a syndic firm with `buildings` buildings of `lots` lots,
/// each lot held by its own owner (so the lists carry real holders), and a syndic who logs
/// in with the demo password. Written through the services, like real data.
pub const BENCH_SYNDIC: &str = "bench@koprogo.invalid";
pub const BENCH_OWNER_LOGINS: usize = 128;

pub fn bench_owner(n: usize) -> String {
    format!("owner-{n}@bench.koprogo.invalid")
}

pub async fn bench(db: &DatabaseConnection, buildings: usize, lots: usize) -> Result<(), AppError> {
    let system = Actor::system();
    let slug = Slug::parse("bench-syndic").map_err(|_| AppError::Internal)?;
    if organizations::find_by_slug(db, &slug).await?.is_some() {
        return Err(AppError::Conflict(
            "the benchmark organisation exists".into(),
        ));
    }
    let org =
        organizations::create(db, &system, "bench-syndic", "Bench Syndic", "syndic_firm").await?;
    let work = app::ssr::work::Work::default();
    let user = accounts::create_user(
        db,
        &work,
        accounts::NewUser {
            email: BENCH_SYNDIC,
            password: DEMO_PASSWORD,
            display_name: "Bench Syndic",
            locale: Locale::Fr,
            is_superadmin: false,
        },
        None,
    )
    .await?;
    organizations::grant(db, None, org.id, user.id, Role::Syndic).await?;
    // Co-owners who log in during the login load, one account per attempt in flight: the
    // throttles (rightly) slow many concurrent attempts on one account.
    for n in 1..=BENCH_OWNER_LOGINS {
        let owner = accounts::create_user(
            db,
            &work,
            accounts::NewUser {
                email: &bench_owner(n),
                password: DEMO_PASSWORD,
                display_name: &format!("Bench Owner {n}"),
                locale: Locale::Fr,
                is_superadmin: false,
            },
            None,
        )
        .await?;
        organizations::grant(db, None, org.id, owner.id, Role::Owner).await?;
    }
    let actor = Actor {
        organization_id: Some(org.id),
        ..Actor::system()
    };
    let since = NaiveDate::from_ymd_opt(2020, 1, 1).ok_or(AppError::Internal)?;
    let quota = 10_000 / lots.max(1);
    for b in 0..buildings {
        let building = buildings::create(
            db,
            &actor,
            &BuildingInput {
                name: format!("Résidence {:03}", b + 1),
                street: format!("Rue de la Loi {}", b + 1),
                postal_code: "1000".into(),
                city: "Bruxelles".into(),
                enterprise_number: String::new(),
                total_quota: (quota * lots).to_string(),
                construction_year: "1975".into(),
                basic_deed_date: "1976-03-01".into(),
                fiscal_year_start: "01-01".into(),
            },
        )
        .await?;
        let mut owner_ids = Vec::with_capacity(lots);
        for l in 0..lots {
            let input = OwnerInput {
                kind: "natural".into(),
                first_name: format!("Owner {}", l + 1),
                last_name: format!("Building {:03}", b + 1),
                street: "Rue Haute 1".into(),
                postal_code: "1000".into(),
                city: "Bruxelles".into(),
                country: "BE".into(),
                locale: "fr".into(),
                ..Default::default()
            };
            owner_ids.push(owners::create(db, &actor, &input).await?.id);
        }
        let txn = app::ssr::db::begin_write(db).await?;
        let row = buildings::find_own(&txn, &actor, building.id).await?;
        for (l, owner_id) in owner_ids.iter().enumerate() {
            let details = LotInput {
                number: format!("{}.{:02}", l / 10, l % 10),
                kind: if l % 8 == 7 { "parking" } else { "apartment" }.into(),
                floor: (l / 10).to_string(),
                area_m2: "85".into(),
                quota: quota.to_string(),
                notes: String::new(),
            }
            .validate(building.total_quota)?;
            let holders = [(*owner_id, Right::FullOwnership, Share::WHOLE)];
            held_lot(&txn, &actor, &row, &details, since, &holders).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

/// A lot of the basic deed with its holders since `since`, inside the caller's transaction.
async fn held_lot(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    building: &entity::building::Model,
    details: &app::domain::register::LotDetails,
    since: NaiveDate,
    holders: &[(uuid::Uuid, Right, Share)],
) -> Result<(), AppError> {
    let (lot, _) = lots::insert(
        txn,
        actor,
        building,
        details,
        lots::Origin::BasicDeed,
        "number",
    )
    .await?;
    holdings::register_holders_in(txn, actor, &lot, since, holders).await?;
    Ok(())
}

/// The seed reads its own writes at once: no cache (one not listening is bypassed).
fn uncached() -> app::ssr::identity::Identity {
    app::ssr::identity::Identity::default()
}
