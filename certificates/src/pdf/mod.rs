//! The certificate PDF: A4 landscape, Khmer and English, with a vector QR code.
//!
//! [`render`] lays the page out from the [`CertificateFacts`] and the QR text, shapes every line
//! (see the `text` module: rustybuzz, glyph ids, `/ActualText` around Khmer runs), embeds
//! subsets of Noto Sans Khmer and Noto Sans, and draws the QR code as filled rectangles.
//!
//! Rendering is deterministic: no clock, no random ids. printpdf 0.12 names fonts and the file
//! with pseudo-random ids of its own, so the document is finished through lopdf: fonts are
//! registered under fixed resource names, the `/Info` dictionary is written from the facts (its
//! dates are the issue date), and the trailer `/ID` is derived from a SHA-256 of the document
//! itself. The same facts and QR text always give the same bytes, whose SHA-256
//! ([`sha256_hex`]) the service stores and shows on the verification page.

mod text;

use std::collections::BTreeMap;

use printpdf::{
    Color, CurTransMat, DictItem, LinePoint, Op, PaintMode, PdfDocument, PdfPage, Point, Polygon, PolygonRing, Pt,
    WindingOrder,
};
use sha2::{Digest, Sha256};

use crate::credential::{CertificateFacts, khmer_digits, khmer_number};
use crate::qr::qr_modules;
use text::{Fonts, GlyphTexts, PlacedLine, ShapedLine, Style};

/// A4 landscape, in points.
const PAGE_WIDTH: f32 = 841.89;
const PAGE_HEIGHT: f32 = 595.28;
const CENTER: f32 = PAGE_WIDTH / 2.0;

const NAVY: (f32, f32, f32) = (0.09, 0.20, 0.38);
const GOLD: (f32, f32, f32) = (0.70, 0.56, 0.25);
const INK: (f32, f32, f32) = (0.12, 0.12, 0.14);
const GREY: (f32, f32, f32) = (0.38, 0.38, 0.42);

/// Why a certificate could not be rendered.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    /// The facts do not validate.
    #[error("invalid certificate facts: {0}")]
    Facts(#[from] domain::FieldError),
    /// A character that neither embedded font has.
    #[error("no glyph for the character {0:?} (U+{code:04X})", code = u32::from(*.0))]
    UnsupportedCharacter(char),
    /// A font could not be read or subset.
    #[error("font error: {0}")]
    Font(String),
    /// The QR text does not fit in a QR code.
    #[error("QR code: {0}")]
    Qr(String),
    /// The PDF could not be written.
    #[error("PDF error: {0}")]
    Write(String),
}

/// The lowercase hexadecimal SHA-256 of `bytes` (what the service stores for a PDF).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
    Right,
}

/// The page being laid out: shaped lines and vector graphics, in drawing order.
struct Canvas {
    fonts: &'static Fonts,
    texts: GlyphTexts,
    items: Vec<Item>,
}

enum Item {
    Text(PlacedLine),
    Graphics(Vec<Op>),
}

fn style(size: f32, bold: bool, color: (f32, f32, f32)) -> Style {
    Style {
        size,
        bold,
        color,
        tracking: 0.0,
    }
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(printpdf::Rgb::new(r, g, b, None))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(text::round(x)),
            y: Pt(text::round(y)),
        },
        bezier: false,
    }
}

impl Canvas {
    fn new() -> Result<Canvas, PdfError> {
        Ok(Canvas {
            fonts: Fonts::get()?,
            texts: GlyphTexts::default(),
            items: Vec::new(),
        })
    }

    fn shape(&mut self, text: &str, style: Style) -> Result<ShapedLine, PdfError> {
        text::shape(self.fonts, &mut self.texts, text, style)
    }

    /// Draws `text` with its baseline at `y`, aligned at `x`; shrinks it to `max_width` if wider.
    fn text(
        &mut self,
        text: &str,
        mut style: Style,
        x: f32,
        y: f32,
        align: Align,
        max_width: f32,
    ) -> Result<f32, PdfError> {
        let mut line = self.shape(text, style)?;
        if line.width > max_width {
            style.size *= max_width / line.width * 0.995;
            line = self.shape(text, style)?;
        }
        let left = match align {
            Align::Left => x,
            Align::Center => x - line.width / 2.0,
            Align::Right => x - line.width,
        };
        let width = line.width;
        self.items.push(Item::Text(PlacedLine { line, x: left, y }));
        Ok(width)
    }

    fn graphics(&mut self, ops: Vec<Op>) {
        self.items.push(Item::Graphics(ops));
    }

    fn stroke_rect(&mut self, x: f32, y: f32, width: f32, height: f32, thickness: f32, color: (f32, f32, f32)) {
        self.graphics(vec![
            Op::SetOutlineColor { col: rgb(color) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing {
                        points: vec![
                            point(x, y),
                            point(x + width, y),
                            point(x + width, y + height),
                            point(x, y + height),
                        ],
                    }],
                    mode: PaintMode::Stroke,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32, color: (f32, f32, f32)) {
        self.graphics(vec![
            Op::SetOutlineColor { col: rgb(color) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: printpdf::Line {
                    points: vec![point(from.0, from.1), point(to.0, to.1)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// Fills the polygons `rings` (each a list of corners) in one path.
    fn fill(&mut self, rings: Vec<Vec<(f32, f32)>>, color: (f32, f32, f32)) {
        let rings = rings
            .into_iter()
            .map(|corners| PolygonRing {
                points: corners.into_iter().map(|(x, y)| point(x, y)).collect(),
            })
            .collect();
        self.graphics(vec![
            Op::SetFillColor { col: rgb(color) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    fn diamond(&mut self, x: f32, y: f32, radius: f32, color: (f32, f32, f32)) {
        self.fill(
            vec![vec![(x, y - radius), (x + radius, y), (x, y + radius), (x - radius, y)]],
            color,
        );
    }

    /// Draws the QR code `modules` with its lower left corner (quiet zone included) at `(x, y)`,
    /// `size` points wide: each row's runs of dark modules are rectangles, all in one filled path
    /// (so no seams show between rows), drawn in a coordinate system of one unit a module so that
    /// every corner is a small integer.
    fn qr(&mut self, modules: &[Vec<bool>], x: f32, y: f32, size: f32) {
        const QUIET: usize = 4;
        let count = modules.len();
        let module = size / (count + 2 * QUIET) as f32;
        let origin = QUIET as f32 * module;
        // Runs of dark modules, row by row; a run with the same columns as one in the row above
        // extends that rectangle downwards instead of starting a new one.
        let mut open: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let mut rectangles = Vec::new();
        for (row_index, row) in modules.iter().enumerate() {
            let mut runs = Vec::new();
            let mut column = 0;
            while column < row.len() {
                if !row[column] {
                    column += 1;
                    continue;
                }
                let start = column;
                while column < row.len() && row[column] {
                    column += 1;
                }
                runs.push((start, column));
            }
            let mut still_open = BTreeMap::new();
            for run in runs {
                let top = open.remove(&run).unwrap_or(row_index);
                still_open.insert(run, top);
            }
            rectangles.extend(open.into_iter().map(|((x0, x1), top)| (x0, x1, top, row_index)));
            open = still_open;
        }
        rectangles.extend(open.into_iter().map(|((x0, x1), top)| (x0, x1, top, count)));
        rectangles.sort_unstable_by_key(|&(x0, _, top, _)| (top, x0));
        // Row `r` spans from `count - r - 1` to `count - r` in module units (row 0 is the top).
        // Each rectangle is one `re` (a closed rectangle subpath, the same as moving to its lower
        // left corner and drawing lines round it counterclockwise), and one `f` fills them all.
        // printpdf has no operation for a path of several rectangles, so these are written as
        // raw operators (`Op::Unknown`, which is why the document is saved with `secure: false`).
        let mut ops = Vec::with_capacity(rectangles.len() + 5);
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw([module, 0.0, 0.0, module, x + origin, y + origin]),
        });
        ops.push(Op::SetFillColor {
            col: rgb((0.0, 0.0, 0.0)),
        });
        for (x0, x1, top, bottom) in rectangles {
            let integer = |value: usize| DictItem::Int(value as i64);
            ops.push(Op::Unknown {
                key: "re".to_string(),
                value: vec![
                    integer(x0),
                    integer(count - bottom),
                    integer(x1 - x0),
                    integer(bottom - top),
                ],
            });
        }
        ops.push(Op::Unknown {
            key: "f".to_string(),
            value: Vec::new(),
        });
        ops.push(Op::RestoreGraphicsState);
        self.graphics(ops);
    }

    /// The finished document.
    fn into_pdf(self, facts: &CertificateFacts, qr_text: &str) -> Result<Vec<u8>, PdfError> {
        let mut doc = PdfDocument::new(&format!("Certificate {}", facts.serial));
        let fonts = text::embed_fonts(&mut doc, &self.texts)?;
        let mut ops = Vec::new();
        for item in &self.items {
            match item {
                Item::Text(line) => text::line_ops(line, &fonts, &self.texts, &mut ops),
                Item::Graphics(graphics) => ops.extend(graphics.iter().cloned()),
            }
        }
        let page = PdfPage::new(printpdf::Mm(297.0), printpdf::Mm(210.0), ops);
        doc.with_pages(vec![page]);
        let options = printpdf::PdfSaveOptions {
            optimize: true,
            subset_fonts: false,
            // `Op::Unknown` is written, not dropped: see `Canvas::qr`.
            secure: false,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        let mut lopdf_doc = doc.to_lopdf_document(&options, &mut warnings);
        if let Some(error) = warnings
            .iter()
            .find(|warning| matches!(warning.severity, printpdf::PdfParseErrorSeverity::Error))
        {
            return Err(PdfError::Write(error.msg.clone()));
        }
        finish(&mut lopdf_doc, facts, qr_text)
    }
}

/// Makes the lopdf document deterministic and writes it: PDF 1.7, `/Info` from the facts, the
/// catalog's language, compressed streams, and a trailer `/ID` from the SHA-256 of the document
/// written with an empty one.
fn finish(doc: &mut lopdf::Document, facts: &CertificateFacts, qr_text: &str) -> Result<Vec<u8>, PdfError> {
    use lopdf::{Dictionary, Object, StringFormat};

    doc.version = "1.7".to_string();
    let text = |value: &str| {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in value.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    };
    let date = format!("D:{}000000+07'00'", facts.issue_date.replace('-', ""));
    let mut info = Dictionary::new();
    info.set("Title", text(&format!("Certificate {}", facts.serial)));
    info.set("Author", text(&facts.issuer.name_en));
    info.set(
        "Subject",
        text(&format!(
            "{} — {}",
            facts.qualification.title_en,
            facts.holder.name_latin()
        )),
    );
    info.set("Creator", text("Kamlang national registry"));
    // The QR code's text, readable without decoding the image: `kamlang verify` checks a PDF
    // offline from it.
    info.set(QR_INFO_KEY, Object::string_literal(qr_text));
    info.set("Producer", text("Kamlang certificates (printpdf, rustybuzz)"));
    info.set("CreationDate", Object::string_literal(date.clone()));
    info.set("ModDate", Object::string_literal(date));
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|error| PdfError::Write(format!("no /Info: {error}")))?;
    doc.objects.insert(info_id, Object::Dictionary(info));

    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|error| PdfError::Write(format!("no /Root: {error}")))?;
    if let Ok(Object::Dictionary(catalog)) = doc.get_object_mut(catalog_id) {
        catalog.set("Lang", Object::string_literal("km-KH"));
        catalog.set(
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])),
        );
    }

    compress(doc);
    save_with_id(doc)
}

/// `/ID`'s value: the same 16 bytes twice.
fn id_object(id: &[u8]) -> lopdf::Object {
    use lopdf::{Object, StringFormat};
    Object::Array(vec![
        Object::String(id.to_vec(), StringFormat::Hexadecimal),
        Object::String(id.to_vec(), StringFormat::Hexadecimal),
    ])
}

/// Writes `doc` with the trailer `/ID` made of the first 16 bytes of the SHA-256 of the document
/// written with an all-zero one. It is written once: the zeros' hexadecimal digits are then
/// overwritten in place, which gives the same bytes as writing it again with the new `/ID` (of the
/// same length), in half the time. The cross-reference section is a classic table, as printpdf
/// makes it (lopdf adds a new object for a cross-reference stream every time it writes one).
fn save_with_id(doc: &mut lopdf::Document) -> Result<Vec<u8>, PdfError> {
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    doc.trailer.set("ID", id_object(&[0; 16]));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|error| PdfError::Write(error.to_string()))?;
    let id = Sha256::digest(&bytes);
    set_trailer_id(&mut bytes, &id[..16])?;
    doc.trailer.set("ID", id_object(&id[..16]));
    Ok(bytes)
}

/// The zlib compression level of the streams. Level 9 (what lopdf's own `compress` uses) took
/// some 20 ms of the 23 ms a certificate took to render; level 4 takes a tenth of that and gives
/// the same size (miniz_oxide's default, 6, twice as long for 1 % less; level 1, half as long
/// for 15 % more).
const COMPRESSION_LEVEL: u8 = 4;

/// Compresses every stream that has no filter yet and may be compressed, as lopdf's
/// `Document::compress` does (keeping the original when compressing saves too little), but at
/// [`COMPRESSION_LEVEL`], and with miniz_oxide called directly: lopdf's flate2 switches to
/// another backend, whose bytes differ, whenever another crate in the build enables it.
fn compress(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&stream.content, COMPRESSION_LEVEL);
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

/// Overwrites the all-zero trailer `/ID` of the written document `bytes` with `id`.
fn set_trailer_id(bytes: &mut [u8], id: &[u8]) -> Result<(), PdfError> {
    let zeros = "0".repeat(2 * id.len());
    let placeholder = format!("/ID[<{zeros}><{zeros}>]");
    let at = bytes
        .windows(placeholder.len())
        .rposition(|window| window == placeholder.as_bytes())
        .ok_or_else(|| PdfError::Write("no /ID in the trailer".into()))?;
    let hex: String = id.iter().map(|b| format!("{b:02X}")).collect();
    let value = format!("/ID[<{hex}><{hex}>]");
    bytes[at..at + value.len()].copy_from_slice(value.as_bytes());
    Ok(())
}

/// Khmer month names, January first.
const KHMER_MONTHS: [&str; 12] = [
    "មករា",
    "កុម្ភៈ",
    "មីនា",
    "មេសា",
    "ឧសភា",
    "មិថុនា",
    "កក្កដា",
    "សីហា",
    "កញ្ញា",
    "តុលា",
    "វិច្ឆិកា",
    "ធ្នូ",
];
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The issue date in Khmer (`ថ្ងៃទី៣០ ខែមិថុនា ឆ្នាំ២០២៥`) and English (`30 June 2025`).
fn dates(issue_date: &str) -> (String, String) {
    let mut parts = issue_date.splitn(3, '-');
    let (year, month, day) = (
        parts.next().unwrap_or(""),
        parts.next().and_then(|m| m.parse::<usize>().ok()).unwrap_or(1),
        parts.next().and_then(|d| d.parse::<u32>().ok()).unwrap_or(1),
    );
    let month = month.clamp(1, 12) - 1;
    (
        format!(
            "ថ្ងៃទី{} ខែ{} ឆ្នាំ{}",
            khmer_digits(&day.to_string()),
            KHMER_MONTHS[month],
            khmer_digits(year)
        ),
        format!("{day} {} {year}", ENGLISH_MONTHS[month]),
    )
}

/// The document information key that carries the QR code's text.
pub const QR_INFO_KEY: &str = "KamlangQR";

/// The QR code's text of a certificate PDF (from its document information), if it has one.
pub fn qr_payload_of_pdf(bytes: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let dict = doc.get_object(info).ok()?.as_dict().ok()?;
    let value = dict.get(QR_INFO_KEY.as_bytes()).ok()?.as_str().ok()?;
    String::from_utf8(value.to_vec()).ok()
}

/// Renders the certificate of `facts` with a QR code of `qr_text` (normally
/// [`crate::qr::compact_payload`]): A4 landscape, bilingual, deterministic.
pub fn render(facts: &CertificateFacts, qr_text: &str) -> Result<Vec<u8>, PdfError> {
    facts.validate()?;
    let modules = qr_modules(qr_text).map_err(|error| PdfError::Qr(error.to_string()))?;
    let mut page = Canvas::new()?;
    let full = PAGE_WIDTH - 120.0;

    // Frame: a navy rule, a gold rule inside it, gold diamonds at the inner corners.
    page.stroke_rect(18.0, 18.0, PAGE_WIDTH - 36.0, PAGE_HEIGHT - 36.0, 2.2, NAVY);
    page.stroke_rect(25.0, 25.0, PAGE_WIDTH - 50.0, PAGE_HEIGHT - 50.0, 0.8, GOLD);
    for (x, y) in [
        (25.0, 25.0),
        (PAGE_WIDTH - 25.0, 25.0),
        (25.0, PAGE_HEIGHT - 25.0),
        (PAGE_WIDTH - 25.0, PAGE_HEIGHT - 25.0),
    ] {
        page.diamond(x, y, 5.0, GOLD);
    }

    // The kingdom's motto, centred at the top.
    page.text(
        "ព្រះរាជាណាចក្រកម្ពុជា",
        style(14.0, true, NAVY),
        CENTER,
        543.0,
        Align::Center,
        full,
    )?;
    page.text(
        "ជាតិ សាសនា ព្រះមហាក្សត្រ",
        style(11.5, true, NAVY),
        CENTER,
        522.0,
        Align::Center,
        full,
    )?;
    page.text(
        "Kingdom of Cambodia · Nation Religion King",
        style(7.5, false, GREY),
        CENTER,
        508.0,
        Align::Center,
        full,
    )?;
    page.line((CENTER - 70.0, 499.0), (CENTER - 9.0, 499.0), 0.8, GOLD);
    page.line((CENTER + 9.0, 499.0), (CENTER + 70.0, 499.0), 0.8, GOLD);
    page.diamond(CENTER, 499.0, 4.0, GOLD);

    // The provider, top left, as on a Cambodian letterhead.
    page.text(
        &facts.issuer.name_km,
        style(11.0, true, NAVY),
        56.0,
        535.0,
        Align::Left,
        250.0,
    )?;
    page.text(
        &facts.issuer.name_en,
        style(8.5, false, GREY),
        56.0,
        521.0,
        Align::Left,
        250.0,
    )?;
    // The serial, top right.
    page.text(
        "លេខ · No.",
        style(8.5, false, GREY),
        PAGE_WIDTH - 56.0,
        535.0,
        Align::Right,
        250.0,
    )?;
    page.text(
        &facts.serial,
        style(10.0, true, NAVY),
        PAGE_WIDTH - 56.0,
        521.0,
        Align::Right,
        250.0,
    )?;

    // Title.
    page.text("វិញ្ញាបនបត្រ", style(30.0, true, NAVY), CENTER, 458.0, Align::Center, full)?;
    let mut title = style(15.0, true, GOLD);
    title.tracking = 4.5;
    page.text("CERTIFICATE", title, CENTER, 432.0, Align::Center, full)?;

    // Holder.
    page.text("សូមបញ្ជាក់ថា", style(12.0, false, INK), CENTER, 404.0, Align::Center, full)?;
    page.text(
        "This is to certify that",
        style(9.5, false, GREY),
        CENTER,
        390.0,
        Align::Center,
        full,
    )?;
    page.text(
        &facts.holder.name_km(),
        style(28.0, true, INK),
        CENTER,
        350.0,
        Align::Center,
        full,
    )?;
    page.text(
        &facts.holder.name_latin(),
        style(19.0, true, INK),
        CENTER,
        321.0,
        Align::Center,
        full,
    )?;
    page.text(
        &format!("លេខចុះបញ្ជី · Registry no.  {}", facts.holder.registry_number),
        style(8.0, false, GREY),
        CENTER,
        306.0,
        Align::Center,
        full,
    )?;

    // Qualification.
    page.text(
        "បានបញ្ចប់ការសិក្សាដោយជោគជ័យ និងទទួលបាន",
        style(11.5, false, INK),
        CENTER,
        283.0,
        Align::Center,
        full,
    )?;
    page.text(
        "has successfully completed and is awarded",
        style(9.5, false, GREY),
        CENTER,
        269.0,
        Align::Center,
        full,
    )?;
    let q = &facts.qualification;
    page.text(&q.title_km, style(17.0, true, NAVY), CENTER, 243.0, Align::Center, full)?;
    page.text(&q.title_en, style(13.5, true, NAVY), CENTER, 222.0, Align::Center, full)?;

    // Details: level, credits, field of study, date of issue.
    let credits = q.credits.display_rounded();
    let (level_km, level_en) = match q.cqf_level {
        Some(level) => (
            format!("កម្រិត {}", khmer_digits(&level.to_string())),
            format!("Level {level}"),
        ),
        None => ("មិនមែនកម្រិត CQF".to_string(), "Not a CQF level".to_string()),
    };
    let (date_km, date_en) = dates(&facts.issue_date);
    let columns = [
        ("កម្រិត CQF · CQF level", level_km, level_en),
        ("ក្រេឌីត · Credits", khmer_number(&credits), format!("{credits} credits")),
        (
            "ជំនាញ · Field of study",
            q.field_of_study_km.clone(),
            q.field_of_study_en.clone(),
        ),
        ("ថ្ងៃចេញ · Date of issue", date_km, date_en),
    ];
    let (left, right) = (CENTER - 300.0, CENTER + 300.0);
    let column_width = (right - left) / columns.len() as f32;
    for (i, (label, value_km, value_en)) in columns.iter().enumerate() {
        let cx = left + column_width * (i as f32 + 0.5);
        let max = column_width - 14.0;
        page.text(label, style(7.5, false, GREY), cx, 200.0, Align::Center, max)?;
        page.text(value_km, style(10.5, true, INK), cx, 183.0, Align::Center, max)?;
        page.text(value_en, style(9.0, false, INK), cx, 169.0, Align::Center, max)?;
        if i > 0 {
            let x = left + column_width * i as f32;
            page.line((x, 164.0), (x, 210.0), 0.5, GOLD);
        }
    }

    // Signatories.
    let centers: &[f32] = match facts.signatories.len() {
        1 => &[CENTER],
        _ => &[CENTER - 140.0, CENTER + 140.0],
    };
    for (signatory, cx) in facts.signatories.iter().zip(centers) {
        page.line((cx - 100.0, 116.0), (cx + 100.0, 116.0), 0.6, INK);
        page.text(
            &signatory.name,
            style(10.5, true, INK),
            *cx,
            102.0,
            Align::Center,
            200.0,
        )?;
        page.text(
            &signatory.title_km,
            style(9.0, false, INK),
            *cx,
            88.0,
            Align::Center,
            200.0,
        )?;
        page.text(
            &signatory.title_en,
            style(8.0, false, GREY),
            *cx,
            76.0,
            Align::Center,
            200.0,
        )?;
    }

    // QR code in the lower right corner, with its caption.
    let (qr_x, qr_y, qr_size) = (PAGE_WIDTH - 38.0 - 116.0, 40.0, 116.0);
    page.qr(&modules, qr_x, qr_y, qr_size);
    page.text(
        "ស្កេនដើម្បីផ្ទៀងផ្ទាត់ · Scan to verify",
        style(7.0, false, GREY),
        qr_x + qr_size / 2.0,
        34.0,
        Align::Center,
        qr_size + 20.0,
    )?;

    // Small print: serial, verification URL, replaced certificate.
    let small = style(7.5, false, GREY);
    page.text(
        &format!("លេខវិញ្ញាបនបត្រ · Serial  {}", facts.serial),
        small,
        42.0,
        50.0,
        Align::Left,
        600.0,
    )?;
    page.text(
        &format!("ផ្ទៀងផ្ទាត់ · Verify  {}", facts.verification_url),
        small,
        42.0,
        39.0,
        Align::Left,
        600.0,
    )?;
    if let Some(supersedes) = &facts.supersedes {
        page.text(
            &format!("ជំនួសវិញ្ញាបនបត្រ · Replaces certificate  {supersedes}"),
            small,
            42.0,
            61.0,
            Align::Left,
            600.0,
        )?;
    }

    page.into_pdf(facts, qr_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small document with `/Root` and `/Info`, as printpdf makes them.
    fn small_document() -> lopdf::Document {
        use lopdf::{Dictionary, Object, Stream};
        let mut doc = lopdf::Document::with_version("1.7");
        let content = doc.add_object(Stream::new(Dictionary::new(), b"0 0 m 10 10 l S".repeat(20)));
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Content", Object::Reference(content)),
        ]));
        let info = doc.add_object(Dictionary::from_iter(vec![("Title", Object::string_literal("x"))]));
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        doc
    }

    #[test]
    fn the_id_is_patched_as_if_written_twice() {
        let mut doc = small_document();
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        compress(&mut doc);
        let mut expected = doc.clone();
        expected.trailer.set("ID", id_object(&[0; 16]));
        let mut draft = Vec::new();
        expected.save_to(&mut draft).unwrap();
        expected.trailer.set("ID", id_object(&Sha256::digest(&draft)[..16]));
        let mut written = Vec::new();
        expected.save_to(&mut written).unwrap();

        let bytes = save_with_id(&mut doc).unwrap();
        assert_eq!(String::from_utf8_lossy(&bytes), String::from_utf8_lossy(&written));
        assert_eq!(bytes, written);
        assert!(String::from_utf8_lossy(&bytes).contains("/Filter/FlateDecode"));
    }

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(
            dates("2025-06-30"),
            ("ថ្ងៃទី៣០ ខែមិថុនា ឆ្នាំ២០២៥".to_string(), "30 June 2025".to_string())
        );
        assert_eq!(dates("2024-01-05").1, "5 January 2024");
    }

    #[test]
    fn sha256_hex_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
