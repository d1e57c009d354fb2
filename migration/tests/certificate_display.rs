//! Migration 9 copies what a verification shows from the credentials issued before it into the
//! certificates' new columns.

use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

const CREDENTIAL: &str = r##"{
  "id": "https://kamlang.example/credentials/NISA-2026-000007",
  "issuer": {"id": "did:web:kamlang.example", "name": [
    {"@value": "វិទ្យាស្ថានជាតិកិច្ចការសង្គម", "@language": "km"},
    {"@value": "National Institute of Social Affairs", "@language": "en"}]},
  "credentialSubject": {
    "identifier": [
      {"identityType": "name", "identityHash": "សុខ ស្រីមុំ"},
      {"identityType": "name", "identityHash": "SOK Sreymom"},
      {"identityType": "identifier", "identityHash": "KL-0000007-3"}],
    "achievement": {"name": [
      {"@value": "វិញ្ញាបនបត្រវិជ្ជាជីវៈ", "@language": "km"},
      {"@value": "Vocational Certificate in Social Work", "@language": "en"}]}
  },
  "proof": {"verificationMethod": "did:web:kamlang.example#key-2026-1"}
}"##;

#[tokio::test]
async fn certificates_issued_before_get_their_display_columns_from_the_credential() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    Migrator::up(&db, Some(8)).await.unwrap();
    // A certificate as migration 8's schema stores it (its references are not what is tested).
    db.execute_unprepared("PRAGMA foreign_keys = OFF").await.unwrap();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "INSERT INTO certificates (id, serial, provider_id, worker_id, qualification_id, qualification_code, level, \
         credits_ninetieths, issued_on, credential, key_name, pdf_sha256, status_index, verification_count, issued_by, \
         created_at) VALUES (?, 'NISA-2026-000007', ?, ?, ?, 'VC-SW', 'cqf-1', 2700, '2026-11-21', ?, 'key-2026-1', \
         '00', 7, 0, 'test', '2026-11-21T00:00:00Z')",
        [
            uuid::Uuid::new_v4().into(),
            uuid::Uuid::new_v4().into(),
            uuid::Uuid::new_v4().into(),
            uuid::Uuid::new_v4().into(),
            CREDENTIAL.into(),
        ],
    ))
    .await
    .unwrap();
    Migrator::up(&db, None).await.unwrap();
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT holder_name_km, holder_name_latin, qualification_title_km, qualification_title_en, \
             provider_name_km, provider_name_en, issuer_did, verification_method FROM certificates",
        ))
        .await
        .unwrap()
        .unwrap();
    let column = |name: &str| row.try_get::<String>("", name).unwrap();
    assert_eq!(column("holder_name_km"), "សុខ ស្រីមុំ");
    assert_eq!(column("holder_name_latin"), "SOK Sreymom");
    assert_eq!(column("qualification_title_km"), "វិញ្ញាបនបត្រវិជ្ជាជីវៈ");
    assert_eq!(
        column("qualification_title_en"),
        "Vocational Certificate in Social Work"
    );
    assert_eq!(column("provider_name_km"), "វិទ្យាស្ថានជាតិកិច្ចការសង្គម");
    assert_eq!(column("provider_name_en"), "National Institute of Social Affairs");
    assert_eq!(column("issuer_did"), "did:web:kamlang.example");
    assert_eq!(column("verification_method"), "did:web:kamlang.example#key-2026-1");

    // And back down, and up again, on a database that has certificates.
    Migrator::down(&db, Some(1)).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
}
