//! The co-ownership register's pure rules: identifiers of the association, lots and the lot
//! count that matters for the law, quotes-parts balance, and ownership shares over time.

pub mod agent;
pub mod association;
pub mod bank;
pub mod building;
pub mod consent;
pub mod enterprise_number;
pub mod holding;
pub mod import;
pub mod lot;
pub mod mandatary;
pub mod owner;
#[cfg(test)]
mod properties;
pub mod quota;
pub mod sale;
pub mod share;

pub use agent::{Agent, AgentEndInput, AgentInput, Capacity};
pub use bank::{AccountNumber, AccountPurpose};
pub use building::{
    BankAccount, BankAccountInput, Building, BuildingDetails, BuildingInput, CloseAccountInput,
};
pub use consent::{Consent, ConsentEnd, ConsentInput, WithdrawalInput};
pub use enterprise_number::EnterpriseNumber;
pub use holding::{
    AnswerInput, Holder, HolderInput, HoldersInput, Holding, Lot, LotLineage, LotLink, LotRecord,
    MandataryInput, NotaryRequest, NotaryRequestInput, NotificationInput, OwnedLot, Owner, Page,
    TransferInput, TransferKind, TransferRecord, VoidInput,
};
pub use lot::{
    DivisionInput, LotDetails, LotEventKind, LotInput, LotKind, MergerInput, council_required,
    counted_lots,
};
pub use owner::{OwnerDetails, OwnerInput, OwnerKind};
pub use quota::{QuotaBalance, QuotaChangeInput, QuotaOverview, QuotaPeriod};
pub use share::{Right, Share};
