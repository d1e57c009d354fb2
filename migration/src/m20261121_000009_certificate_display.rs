//! What a verification shows of a certificate, kept in columns beside the signed credential: the
//! holder's names in both scripts, the qualification's and the provider's names in Khmer and
//! English, the issuer's DID and the key that signed it. They are copied from the credential when
//! it is issued (and, here, from the credentials issued before), so that the public verification
//! reads a few short columns in one query instead of parsing the credential on every request.
//! The credential stays the record; these columns never change after issuance.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::ConnectionTrait};
use serde_json::Value as Json;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Certificates {
    Table,
    Id,
    Credential,
    HolderNameKm,
    HolderNameLatin,
    QualificationTitleKm,
    QualificationTitleEn,
    ProviderNameKm,
    ProviderNameEn,
    IssuerDid,
    VerificationMethod,
}

const DISPLAY_COLUMNS: [Certificates; 8] = [
    Certificates::HolderNameKm,
    Certificates::HolderNameLatin,
    Certificates::QualificationTitleKm,
    Certificates::QualificationTitleEn,
    Certificates::ProviderNameKm,
    Certificates::ProviderNameEn,
    Certificates::IssuerDid,
    Certificates::VerificationMethod,
];

/// The display fields of a credential as this migration's version of Kamlang issued them (kept
/// here, not shared, so that the migration means the same thing whatever the code becomes).
fn display_fields(credential: &Json) -> [String; 8] {
    let text = |v: Option<&Json>| v.and_then(Json::as_str).unwrap_or("").to_owned();
    let language = |v: Option<&Json>, lang: &str| match v {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Array(items)) => text(
            items
                .iter()
                .find(|i| i.get("@language").and_then(Json::as_str) == Some(lang))
                .and_then(|i| i.get("@value")),
        ),
        _ => String::new(),
    };
    let subject = credential.get("credentialSubject");
    let identity = |n: usize| {
        text(
            subject
                .and_then(|s| s.get("identifier"))
                .and_then(|i| i.get(n))
                .and_then(|i| i.get("identityHash")),
        )
    };
    let achievement_name = subject.and_then(|s| s.get("achievement")).and_then(|a| a.get("name"));
    let issuer = credential.get("issuer");
    [
        identity(0),
        identity(1),
        language(achievement_name, "km"),
        language(achievement_name, "en"),
        language(issuer.and_then(|i| i.get("name")), "km"),
        language(issuer.and_then(|i| i.get("name")), "en"),
        text(issuer.and_then(|i| i.get("id"))),
        text(credential.get("proof").and_then(|p| p.get("verificationMethod"))),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        for column in DISPLAY_COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Certificates::Table)
                        .add_column(string(column).default(""))
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let select = Query::select()
            .columns([Certificates::Id, Certificates::Credential])
            .from(Certificates::Table)
            .to_owned();
        for row in db.query_all_raw(backend.build(&select)).await? {
            let id: uuid::Uuid = row.try_get("", "id")?;
            let credential: String = row.try_get("", "credential")?;
            let Ok(credential) = serde_json::from_str::<Json>(&credential) else {
                continue;
            };
            let values = display_fields(&credential);
            let update = Query::update()
                .table(Certificates::Table)
                .values(DISPLAY_COLUMNS.into_iter().zip(values).map(|(c, v)| (c, v.into())))
                .and_where(Expr::col(Certificates::Id).eq(id))
                .to_owned();
            db.execute_raw(backend.build(&update)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in DISPLAY_COLUMNS {
            manager
                .alter_table(Table::alter().table(Certificates::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
