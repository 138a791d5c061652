//! Who acts for an owner who does not act alone: a company acts through its organs, a minor
//! through their parents or a guardian, a protected person through the administrator a
//! justice of the peace appointed, anyone through an agent they gave a written power of
//! attorney. The syndic records the agent (a person of the directory), the capacity, the
//! period and the document that proves the power, and whether the association's mail goes to
//! the agent instead of the owner.
//!
//! Sources (the article numbers marked "(?)" were not checked against the official text):
//! - legal persons act through their organs, whose powers the code and the articles of
//!   association set: Code of companies and associations art. 2:49 (?);
//! - parents who hold parental authority together administer their minor child's property and
//!   represent the child together: old Civil Code art. 376 (?); a guardian when there is no
//!   parent to do so: art. 389 ff. (?);
//! - a protected person's property is managed by the administrator the justice of the peace
//!   appoints, within the powers of the order: old Civil Code art. 492/1 ff. (?), law of
//!   17 March 2013;
//! - a conventional mandate (power of attorney): old Civil Code art. 1984 ff. (?).
//!
//! Rules kept here, where the law leaves the register's form to the syndic:
//! - a capacity must fit the owner (an organ acts for a legal person only; parents, guardians
//!   and administrators for a natural person; an attorney for either);
//! - nobody is their own agent;
//! - several agents may act at once (two directors, two parents), but the mail goes to one
//!   address: at most one agent receives it on any date; when none does, it goes to the owner;
//! - a period never ends before it starts; an ended agency stays in the register.

use super::holding::parse_date;
use crate::domain::AppError;
use crate::domain::error::Validator;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::OwnerKind;

/// In what capacity an agent acts for an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// An organ of a legal person: its manager, director or the person it appointed to
    /// represent it.
    Organ,
    /// A parent holding parental authority over a minor.
    Parent,
    /// A minor's guardian.
    Guardian,
    /// The administrator of a protected person's property, appointed by a justice of the
    /// peace.
    Administrator,
    /// An agent under a written power of attorney.
    Attorney,
}

impl Capacity {
    pub const ALL: [Capacity; 5] = [
        Capacity::Organ,
        Capacity::Parent,
        Capacity::Guardian,
        Capacity::Administrator,
        Capacity::Attorney,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Capacity::Organ => "organ",
            Capacity::Parent => "parent",
            Capacity::Guardian => "guardian",
            Capacity::Administrator => "administrator",
            Capacity::Attorney => "attorney",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw.trim() {
            "" => Err("agent.capacity_required"),
            raw => Capacity::ALL
                .into_iter()
                .find(|c| c.as_str() == raw)
                .ok_or("agent.capacity_invalid"),
        }
    }

    /// Whether an agent in this capacity can act for an owner of `kind`.
    pub fn fits(self, kind: OwnerKind) -> bool {
        match self {
            Capacity::Organ => kind == OwnerKind::Legal,
            Capacity::Parent | Capacity::Guardian | Capacity::Administrator => {
                kind == OwnerKind::Natural
            }
            Capacity::Attorney => true,
        }
    }
}

/// A recorded agent, as the owner's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Agent {
    pub id: Uuid,
    /// The person of the directory who acts.
    pub agent_id: Uuid,
    pub agent_name: String,
    pub capacity: Capacity,
    pub valid_from: NaiveDate,
    /// From this date (included) the agent no longer acts.
    pub valid_to: Option<NaiveDate>,
    /// What proves the power: the articles of association, the judgment, the power of
    /// attorney.
    pub document: String,
    /// Whether the association's mail goes to the agent instead of the owner.
    pub receives_mail: bool,
    pub version: i32,
}

impl Agent {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date < end)
    }
}

/// The agents acting for the owner on `date`.
pub fn in_force(agents: &[Agent], date: NaiveDate) -> impl Iterator<Item = &Agent> {
    agents.iter().filter(move |a| a.in_force_on(date))
}

/// Who the association writes to on `date`: the agent who receives the owner's mail then, or
/// `None` for the owner themself.
pub fn mail_recipient(agents: &[Agent], date: NaiveDate) -> Option<&Agent> {
    in_force(agents, date).find(|a| a.receives_mail)
}

/// Whether two periods `[from, to)` share a day.
fn overlap(a: (NaiveDate, Option<NaiveDate>), b: (NaiveDate, Option<NaiveDate>)) -> bool {
    a.1.is_none_or(|end| b.0 < end) && b.1.is_none_or(|end| a.0 < end)
}

/// The syndic records an agent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AgentInput {
    /// A person of the owner directory.
    pub agent_id: String,
    /// organ, parent, guardian, administrator or attorney.
    pub capacity: String,
    /// YYYY-MM-DD: from when the agent acts (the appointment, the judgment, the power).
    pub valid_from: String,
    /// YYYY-MM-DD, optional: when the power ends if known (a minor's majority, a term).
    pub valid_to: String,
    /// What proves the power; required.
    pub document: String,
    /// Whether the association's mail goes to the agent.
    pub receives_mail: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentDetails {
    pub agent_id: Uuid,
    pub capacity: Capacity,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub document: String,
    pub receives_mail: bool,
}

pub const MAX_DOCUMENT_CHARS: usize = 500;

impl AgentInput {
    /// Checks the form against the owner it is for and the agents already recorded.
    pub fn validate(
        &self,
        owner_id: Uuid,
        owner_kind: OwnerKind,
        recorded: &[Agent],
    ) -> Result<AgentDetails, AppError> {
        let mut v = Validator::default();
        let agent_id = v.check(
            "agent_id",
            match self.agent_id.trim() {
                "" => Err("agent.required"),
                raw => raw.parse::<Uuid>().map_err(|_| "agent.required"),
            }
            .and_then(|id| {
                if id == owner_id {
                    Err("agent.self")
                } else {
                    Ok(id)
                }
            }),
        );
        let capacity = v.check(
            "capacity",
            Capacity::parse(&self.capacity).and_then(|c| {
                if c.fits(owner_kind) {
                    Ok(c)
                } else {
                    Err(match owner_kind {
                        OwnerKind::Legal => "agent.capacity_for_persons",
                        OwnerKind::Natural => "agent.capacity_for_companies",
                    })
                }
            }),
        );
        let from = v.check("valid_from", parse_date(&self.valid_from));
        let to = match self.valid_to.trim() {
            "" => Some(None),
            raw => v.check(
                "valid_to",
                parse_date(raw).and_then(|to| match from {
                    Some(from) if to <= from => Err("agent.ends_before_start"),
                    _ => Ok(Some(to)),
                }),
            ),
        };
        let document = self.document.trim();
        if document.is_empty() {
            v.add("document", "agent.document_required");
        } else if document.chars().count() > MAX_DOCUMENT_CHARS {
            v.add("document", "text.too_long");
        }
        if let (Some(agent_id), Some(capacity), Some(from), Some(to)) =
            (agent_id, capacity, from, to)
        {
            let same = recorded.iter().any(|a| {
                a.agent_id == agent_id
                    && a.capacity == capacity
                    && overlap((a.valid_from, a.valid_to), (from, to))
            });
            if same {
                v.add("agent_id", "agent.already_recorded");
            }
            let mail_taken = self.receives_mail
                && recorded
                    .iter()
                    .any(|a| a.receives_mail && overlap((a.valid_from, a.valid_to), (from, to)));
            if mail_taken {
                v.add("receives_mail", "agent.mail_taken");
            }
        }
        v.finish()?;
        Ok(AgentDetails {
            agent_id: agent_id.expect("checked"),
            capacity: capacity.expect("checked"),
            valid_from: from.expect("checked"),
            valid_to: to.expect("checked"),
            document: document.to_owned(),
            receives_mail: self.receives_mail,
        })
    }
}

/// The syndic records the end of an agency (the director resigned, the minor came of age, the
/// judgment was lifted, the power was revoked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AgentEndInput {
    /// YYYY-MM-DD: from this day the agent no longer acts.
    pub ended_on: String,
    pub version: i32,
}

impl AgentEndInput {
    pub fn validate(&self, agent: &Agent) -> Result<NaiveDate, AppError> {
        let mut v = Validator::default();
        let date = v.check(
            "ended_on",
            parse_date(&self.ended_on).and_then(|d| {
                if d <= agent.valid_from {
                    Err("agent.ends_before_start")
                } else if agent.valid_to.is_some_and(|to| d > to) {
                    // Shortening a known term is a correction; lengthening it needs a new
                    // document, so a new agency.
                    Err("agent.ends_after_term")
                } else {
                    Ok(d)
                }
            }),
        );
        v.finish()?;
        Ok(date.expect("checked"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn agent(
        agent_id: Uuid,
        capacity: Capacity,
        from: NaiveDate,
        to: Option<NaiveDate>,
        mail: bool,
    ) -> Agent {
        Agent {
            id: Uuid::now_v7(),
            agent_id,
            agent_name: "Agent".into(),
            capacity,
            valid_from: from,
            valid_to: to,
            document: "Moniteur belge 2021-05-03".into(),
            receives_mail: mail,
            version: 1,
        }
    }

    fn input(agent_id: Uuid, capacity: &str, from: &str, to: &str, mail: bool) -> AgentInput {
        AgentInput {
            agent_id: agent_id.to_string(),
            capacity: capacity.into(),
            valid_from: from.into(),
            valid_to: to.into(),
            document: "Statuts, art. 12".into(),
            receives_mail: mail,
        }
    }

    /// (field, code) pairs, by field.
    fn codes(err: AppError) -> Vec<(String, String)> {
        err.fields()
            .expect("a validation error")
            .iter()
            .flat_map(|(f, cs)| cs.iter().map(move |c| (f.clone(), c.clone())))
            .collect()
    }

    #[test]
    fn capacities_fit_the_kind_of_owner() {
        use Capacity::*;
        for c in Capacity::ALL {
            assert_eq!(Capacity::parse(c.as_str()), Ok(c));
        }
        assert!(Organ.fits(OwnerKind::Legal) && !Organ.fits(OwnerKind::Natural));
        for c in [Parent, Guardian, Administrator] {
            assert!(c.fits(OwnerKind::Natural) && !c.fits(OwnerKind::Legal));
        }
        assert!(Attorney.fits(OwnerKind::Natural) && Attorney.fits(OwnerKind::Legal));
        assert_eq!(Capacity::parse(""), Err("agent.capacity_required"));
        assert_eq!(Capacity::parse("king"), Err("agent.capacity_invalid"));
    }

    #[test]
    fn a_company_acts_through_its_organ() {
        let (owner, director) = (Uuid::now_v7(), Uuid::now_v7());
        let details = input(director, "organ", "2021-05-03", "", true)
            .validate(owner, OwnerKind::Legal, &[])
            .unwrap();
        assert_eq!(details.capacity, Capacity::Organ);
        assert_eq!(details.valid_from, day(2021, 5, 3));
        assert_eq!(details.valid_to, None);
        assert!(details.receives_mail);
        // A person has no organ; a company has no parents.
        assert_eq!(
            codes(
                input(director, "organ", "2021-05-03", "", false)
                    .validate(owner, OwnerKind::Natural, &[])
                    .unwrap_err()
            ),
            [("capacity".into(), "agent.capacity_for_companies".into())]
        );
        assert_eq!(
            codes(
                input(director, "parent", "2021-05-03", "", false)
                    .validate(owner, OwnerKind::Legal, &[])
                    .unwrap_err()
            ),
            [("capacity".into(), "agent.capacity_for_persons".into())]
        );
    }

    #[test]
    fn refusals_name_the_field_to_fix() {
        let owner = Uuid::now_v7();
        let empty = AgentInput::default();
        assert_eq!(
            codes(empty.validate(owner, OwnerKind::Natural, &[]).unwrap_err()),
            [
                ("agent_id".to_string(), "agent.required".to_string()),
                ("capacity".into(), "agent.capacity_required".into()),
                ("document".into(), "agent.document_required".into()),
                ("valid_from".into(), "date.required".into()),
            ]
        );
        assert_eq!(
            codes(
                input(owner, "attorney", "2024-01-01", "", false)
                    .validate(owner, OwnerKind::Natural, &[])
                    .unwrap_err()
            ),
            [("agent_id".into(), "agent.self".into())]
        );
        let other = Uuid::now_v7();
        for to in ["2024-01-01", "2023-12-31"] {
            assert_eq!(
                codes(
                    input(other, "guardian", "2024-01-01", to, false)
                        .validate(owner, OwnerKind::Natural, &[])
                        .unwrap_err()
                ),
                [("valid_to".into(), "agent.ends_before_start".into())]
            );
        }
        let mut long = input(other, "attorney", "2024-01-01", "", false);
        long.document = "x".repeat(MAX_DOCUMENT_CHARS + 1);
        assert_eq!(
            codes(long.validate(owner, OwnerKind::Natural, &[]).unwrap_err()),
            [("document".into(), "text.too_long".into())]
        );
    }

    #[test]
    fn two_parents_act_together_but_the_mail_goes_to_one() {
        let (child, mother, father) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let recorded = [agent(
            mother,
            Capacity::Parent,
            day(2015, 6, 1),
            Some(day(2033, 6, 1)),
            true,
        )];
        input(father, "parent", "2015-06-01", "2033-06-01", false)
            .validate(child, OwnerKind::Natural, &recorded)
            .unwrap();
        assert_eq!(
            codes(
                input(father, "parent", "2015-06-01", "", true)
                    .validate(child, OwnerKind::Natural, &recorded)
                    .unwrap_err()
            ),
            [("receives_mail".into(), "agent.mail_taken".into())]
        );
        // From the majority on, the mail may go to someone else (the mother's period ended).
        input(father, "attorney", "2033-06-01", "", true)
            .validate(child, OwnerKind::Natural, &recorded)
            .unwrap();
        // The same agent twice in the same capacity over the same days is a mistake.
        assert_eq!(
            codes(
                input(mother, "parent", "2020-01-01", "", false)
                    .validate(child, OwnerKind::Natural, &recorded)
                    .unwrap_err()
            ),
            [("agent_id".into(), "agent.already_recorded".into())]
        );
    }

    #[test]
    fn the_mail_goes_to_the_agent_in_force_that_day() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let agents = [
            agent(
                a,
                Capacity::Organ,
                day(2020, 1, 1),
                Some(day(2023, 1, 1)),
                true,
            ),
            agent(b, Capacity::Organ, day(2022, 1, 1), None, false),
        ];
        assert_eq!(mail_recipient(&agents, day(2019, 12, 31)), None);
        assert_eq!(
            mail_recipient(&agents, day(2022, 12, 31)).map(|r| r.agent_id),
            Some(a)
        );
        // The day the period ends, the agent no longer acts: the owner gets the mail.
        assert_eq!(mail_recipient(&agents, day(2023, 1, 1)), None);
        assert_eq!(in_force(&agents, day(2022, 6, 1)).count(), 2);
        assert_eq!(in_force(&agents, day(2024, 6, 1)).count(), 1);
    }

    #[test]
    fn an_agency_ends_after_it_starts_and_within_its_term() {
        let recorded = agent(
            Uuid::now_v7(),
            Capacity::Administrator,
            day(2024, 1, 10),
            Some(day(2027, 1, 10)),
            true,
        );
        let end = |on: &str| {
            AgentEndInput {
                ended_on: on.into(),
                version: 1,
            }
            .validate(&recorded)
        };
        assert_eq!(end("2025-03-01").unwrap(), day(2025, 3, 1));
        assert_eq!(end("2027-01-10").unwrap(), day(2027, 1, 10));
        assert_eq!(
            codes(end("2024-01-10").unwrap_err()),
            [("ended_on".into(), "agent.ends_before_start".into())]
        );
        assert_eq!(
            codes(end("2027-01-11").unwrap_err()),
            [("ended_on".into(), "agent.ends_after_term".into())]
        );
        assert_eq!(
            codes(end("").unwrap_err()),
            [("ended_on".into(), "date.required".into())]
        );
    }
}
