//! Writes the seed corpora of the fuzz targets into seeds/TARGET/ (run from fuzz/:
//! `cargo run --release --example seeds`):
//! valid files of each kind, so that the fuzzer starts from inputs that reach deep.
//! The seeds are committed; rerun this when the formats change.

use std::{fs, io::Write, path::Path};

fn write(dir: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new("seeds").join(dir);
    fs::create_dir_all(&dir).expect("the corpus directory");
    fs::write(dir.join(name), bytes).expect("a seed");
}

fn csv_of(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).expect("a record");
    }
    w.into_inner().expect("the csv")
}

/// A minimal workbook (one sheet of inline strings), stored without compression.
fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) && cell.len() < 9 {
                sheet.push_str(&format!(r#"<c r="{col}{}"><v>{cell}</v></c>"#, r + 1));
            } else {
                sheet.push_str(&format!(
                    r#"<c r="{col}{}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    r + 1,
                    escape(cell)
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Workers" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in files {
        zip.start_file(name, stored).expect("a zip entry");
        zip.write_all(content.as_bytes()).expect("zip data");
    }
    zip.finish().expect("the zip");
    out.into_inner()
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
}

fn main() {
    let org = "01936f00-0000-7000-8000-00000000a15a";
    // Workers: English keys, and the Khmer headers with Khmer values.
    let workers = strings(&[
        &["family_name_km", "given_name_km", "family_name_latin", "given_name_latin", "sex", "birth_date", "national_id",
          "phone", "email", "category", "organization_id", "duty_station_code", "position_title", "focal_point",
          "employment_type", "posting_start_date"],
        &["សុខ", "ស្រីមុំ", "Sok", "Sreymom", "female", "1990-04-12", "012345678", "012 345 678", "sok@example.org",
          "para_social_worker", org, "020101", "CCWC focal point", "yes", "volunteer", "2024-01-01"],
        &["ចាន់", "ដារ៉ា", "Chan", "Dara", "m", "12/04/1985", "0123456789", "+85512345678", "", "allied_worker", org,
          "0201", "", "no", "civil_servant", "01/01/2024"],
        &["", "", "Sok", "Sreymom", "F", "1990-04-12", "", "", "", "Para-Professional", org, "02", "", "", "", "2023-06-30"],
    ]);
    let khmer = strings(&[
        &["នាមត្រកូល (ខ្មែរ)", "នាមខ្លួន (ខ្មែរ)", "ភេទ", "ថ្ងៃខែឆ្នាំកំណើត", "ប្រភេទកម្លាំងពលកម្ម", "អង្គភាព",
          "ទីកន្លែងបំពេញការងារ", "ជាអ្នកទទួលបន្ទុកការពារកុមារ", "ថ្ងៃចាប់ផ្តើមការងារ"],
        &["ហេង", "សុភា", "ស្រី", "1992-02-29", "para_social_worker", org, "020102", "ចាស", "2024-01-01"],
        &["លី", "វិចិត្រ", "ប្រុស", "1970-01-01", "allied_worker", org, "020103", "ទេ", "2024-01-01"],
    ]);
    write("import_csv", "template.csv", domain::template_csv().as_bytes());
    write("import_csv", "workers.csv", &csv_of(&workers));
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend(csv_of(&khmer));
    write("import_csv", "khmer-headers.csv", &bom);
    write("import_xlsx", "workers.xlsx", &xlsx(&workers));
    write("import_xlsx", "khmer-headers.xlsx", &xlsx(&khmer));
    // Results grids.
    let grid = strings(&[
        &["registry_number", "name", "BSST-01", "BSST-02", "BSST-03"],
        &["KL-0000001-8", "Sok Srey Mom", "pass 78", "fail", ""],
        &["KL-0000002-6", "Chan Dara", "pass", "ជាប់ 100", "ធ្លាក់ 0"],
    ]);
    write("results_grid", "grid.csv", &csv_of(&grid));
    write("results_grid", "grid.xlsx", &xlsx(&grid));
    // A signed credential and a QR payload, with the targets' fixed key.
    let key = kamlang_fuzz::key();
    let facts = certificates::sample_facts();
    let method = format!("{}#key-1", facts.issuer.id);
    let credential = certificates::build_credential(&facts).expect("the credential");
    let signed = certificates::sign(
        &credential,
        &certificates::ProofOptions::assertion(&method, "2026-11-21T09:00:00Z"),
        &key,
    )
    .expect("signed");
    let public = key.public_key();
    assert!(certificates::verify_credential(&signed, |_| Some(public)).is_ok());
    write("verify_credential", "credential.json", serde_json::to_string_pretty(&signed).expect("json").as_bytes());
    let qr = certificates::compact_payload(&facts, &key, &method).expect("the QR payload");
    assert!(certificates::verify_compact(&qr, |_| Some(public)).is_ok());
    write("verify_credential", "qr.txt", qr.as_bytes());
    println!("seeds written under seeds/");
}
