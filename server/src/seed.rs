//! Demo data: a syndic firm and a self-managed co-ownership with one user per role. Running it
//! again changes nothing (every step looks before it writes). Buildings, lots and owners come
//! with the co-ownership register.

use app::domain::{Actor, AppError, Email, Locale, Role, Slug};
use app::ssr::services::{accounts, organizations};
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

pub async fn run(db: &DatabaseConnection) -> Result<(), AppError> {
    let system = Actor::system();
    for (slug, name, kind) in [FIRM, SELF_MANAGED] {
        let parsed = Slug::parse(slug).map_err(|_| AppError::Internal)?;
        if organizations::find_by_slug(db, &parsed).await?.is_none() {
            organizations::create(db, &system, slug, name, kind).await?;
        }
    }
    for demo in DEMO_USERS {
        let email = Email::parse(demo.email).map_err(|_| AppError::Internal)?;
        let user = match accounts::find_by_email(db, &email).await? {
            Some(user) => user,
            None => {
                accounts::create_user(
                    db,
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
