//! Text for the PDF: fonts, shaping with rustybuzz, font subsetting, and the content-stream
//! operations that draw shaped glyphs.
//!
//! printpdf 0.12 writes glyph ids (`TextItem::GlyphIds`) but does no shaping, so every line is
//! split into script runs (Khmer → Noto Sans Khmer, everything else → Noto Sans, which has the
//! Latin letters Noto Sans Khmer lacks), each run is shaped by rustybuzz, and each glyph is drawn
//! at its shaped position (`Tm` + one glyph; printpdf merges same-baseline glyphs into one `TJ`).
//! Each Khmer run is wrapped in a marked-content sequence `/Span <</ActualText (…)>> BDC … EMC`
//! (printpdf's `Op::BeginMarkedContentWithProperties`), so text extraction (`pdftotext`, copy
//! and paste) returns the exact Unicode text instead of the glyphs' visual order.
//!
//! Fonts are subset here, with `allsorts` (printpdf's own font library), because printpdf only
//! subsets with its heavy `text_layout` feature: the subset keeps `.notdef` and the used glyphs in
//! ascending order of their original ids, so the result is deterministic, and its name gets the
//! `XXXXXX+` tag of ISO 32000 derived from a hash of the subset.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use printpdf::{
    Codepoint, Color, DictItem, FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, Pt, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};

use super::PdfError;

/// One of the four embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FontKey {
    KhmerRegular,
    KhmerBold,
    LatinRegular,
    LatinBold,
}

impl FontKey {
    pub(crate) const ALL: [FontKey; 4] = [
        FontKey::KhmerRegular,
        FontKey::KhmerBold,
        FontKey::LatinRegular,
        FontKey::LatinBold,
    ];

    fn bytes(self) -> &'static [u8] {
        match self {
            FontKey::KhmerRegular => include_bytes!("../../assets/fonts/NotoSansKhmer-Regular.ttf"),
            FontKey::KhmerBold => include_bytes!("../../assets/fonts/NotoSansKhmer-Bold.ttf"),
            FontKey::LatinRegular => include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
            FontKey::LatinBold => include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
        }
    }

    /// The PostScript name of the face.
    fn postscript_name(self) -> &'static str {
        match self {
            FontKey::KhmerRegular => "NotoSansKhmer-Regular",
            FontKey::KhmerBold => "NotoSansKhmer-Bold",
            FontKey::LatinRegular => "NotoSans-Regular",
            FontKey::LatinBold => "NotoSans-Bold",
        }
    }

    /// The font's resource name in the page's `/Font` dictionary.
    fn resource(self) -> &'static str {
        match self {
            FontKey::KhmerRegular => "KhmerRegular",
            FontKey::KhmerBold => "KhmerBold",
            FontKey::LatinRegular => "LatinRegular",
            FontKey::LatinBold => "LatinBold",
        }
    }

    fn for_script(khmer: bool, bold: bool) -> FontKey {
        match (khmer, bold) {
            (true, false) => FontKey::KhmerRegular,
            (true, true) => FontKey::KhmerBold,
            (false, false) => FontKey::LatinRegular,
            (false, true) => FontKey::LatinBold,
        }
    }

    fn is_khmer(self) -> bool {
        matches!(self, FontKey::KhmerRegular | FontKey::KhmerBold)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The parsed faces, for shaping, and the shaping plans made so far.
///
/// Parsing a face and, above all, planning how to shape a script with it (rustybuzz's
/// `ShapePlan`) are the same for every certificate, so they are done once per process: see
/// [`Fonts::get`].
pub(crate) struct Fonts {
    faces: Vec<rustybuzz::Face<'static>>,
    /// Plans by face and segment properties.
    plans: Mutex<HashMap<PlanKey, Arc<rustybuzz::ShapePlan>>>,
}

type PlanKey = (
    FontKey,
    rustybuzz::Direction,
    Option<rustybuzz::Script>,
    Option<rustybuzz::Language>,
);

static FONTS: LazyLock<Result<Fonts, String>> = LazyLock::new(Fonts::load);

impl Fonts {
    /// The process-wide parsed faces.
    pub(crate) fn get() -> Result<&'static Fonts, PdfError> {
        FONTS.as_ref().map_err(|error| PdfError::Font(error.clone()))
    }

    fn load() -> Result<Fonts, String> {
        let faces = FontKey::ALL
            .iter()
            .map(|key| rustybuzz::Face::from_slice(key.bytes(), 0).ok_or(format!("cannot parse {key:?}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Fonts {
            faces,
            plans: Mutex::new(HashMap::new()),
        })
    }

    fn face(&self, key: FontKey) -> &rustybuzz::Face<'static> {
        &self.faces[key.index()]
    }

    /// The plan for shaping `buffer` (whose segment properties are set) with `font`: the same
    /// plan `rustybuzz::shape` would make, made once.
    fn plan(&self, font: FontKey, buffer: &rustybuzz::UnicodeBuffer) -> Arc<rustybuzz::ShapePlan> {
        // `script()` is UNKNOWN exactly when the buffer has no script: guessing never sets it.
        let script = Some(buffer.script()).filter(|script| *script != rustybuzz::script::UNKNOWN);
        let key = (font, buffer.direction(), script, buffer.language());
        let mut plans = self.plans.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(plan) = plans.get(&key) {
            return plan.clone();
        }
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            self.face(font),
            key.1,
            key.2,
            key.3.as_ref(),
            &[],
        ));
        plans.insert(key, plan.clone());
        plan
    }
}

/// How a line of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: (f32, f32, f32),
    /// Extra space after every glyph, in points (letter spacing).
    pub tracking: f32,
}

/// A glyph placed relative to the start of its line (not of its run), in points.
#[derive(Debug, Clone)]
struct PlacedGlyph {
    gid: u16,
    x: f32,
    y: f32,
}

/// A shaped run of one script in one font.
#[derive(Debug, Clone)]
struct ShapedRun {
    font: FontKey,
    text: String,
    glyphs: Vec<PlacedGlyph>,
}

/// A shaped line of text: its runs and width at its style's size.
#[derive(Debug, Clone)]
pub(crate) struct ShapedLine {
    runs: Vec<ShapedRun>,
    pub width: f32,
    pub style: Style,
}

fn is_khmer(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}

/// Characters that belong to whichever script surrounds them.
fn is_neutral(c: char) -> bool {
    c == ' ' || c == '\u{00A0}' || matches!(c, '\u{200B}'..='\u{200D}')
}

/// Splits `text` into runs of Khmer and non-Khmer text; spaces join the run they follow.
fn script_runs(text: &str) -> Vec<(bool, String)> {
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let khmer = if is_neutral(c) {
            runs.last().is_some_and(|(khmer, _)| *khmer)
        } else {
            is_khmer(c)
        };
        match runs.last_mut() {
            Some((run_khmer, run)) if *run_khmer == khmer => run.push(c),
            _ => runs.push((khmer, c.to_string())),
        }
    }
    runs
}

/// The glyph-to-text mapping collected over the whole page, for the fonts' `/ToUnicode` maps.
#[derive(Default)]
pub(crate) struct GlyphTexts {
    map: BTreeMap<(FontKey, u16), String>,
}

impl GlyphTexts {
    fn record(&mut self, font: FontKey, gid: u16, text: String) {
        let entry = self.map.entry((font, gid)).or_default();
        if entry.is_empty() {
            *entry = text;
        }
    }

    fn text(&self, font: FontKey, gid: u16) -> String {
        self.map.get(&(font, gid)).cloned().unwrap_or_default()
    }

    fn used(&self, font: FontKey) -> BTreeSet<u16> {
        self.map
            .keys()
            .filter(|(key, _)| *key == font)
            .map(|(_, gid)| *gid)
            .collect()
    }
}

/// Shapes `text` in `style`; records which text each glyph stands for in `texts`.
pub(crate) fn shape(fonts: &Fonts, texts: &mut GlyphTexts, text: &str, style: Style) -> Result<ShapedLine, PdfError> {
    let mut runs = Vec::new();
    let mut pen = 0.0f32;
    for (khmer, run_text) in script_runs(text) {
        let font = FontKey::for_script(khmer, style.bold);
        let face = fonts.face(font);
        let scale = style.size / face.units_per_em() as f32;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&run_text);
        buffer.guess_segment_properties();
        let plan = fonts.plan(font, &buffer);
        let shaped = rustybuzz::shape_with_plan(face, &plan, buffer);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();

        // Which glyphs stand for which characters: a cluster is the text from its start to the
        // next cluster's start.
        let mut starts: Vec<usize> = infos.iter().map(|info| info.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut cluster_glyphs: BTreeMap<usize, Vec<u16>> = BTreeMap::new();
        for (info, position) in infos.iter().zip(positions) {
            let gid = u16::try_from(info.glyph_id).map_err(|_| PdfError::Font("glyph id out of range".into()))?;
            if gid == 0 {
                let cluster = info.cluster as usize;
                let missing = run_text[cluster..].chars().next().unwrap_or('?');
                return Err(PdfError::UnsupportedCharacter(missing));
            }
            glyphs.push(PlacedGlyph {
                gid,
                x: pen + position.x_offset as f32 * scale,
                y: position.y_offset as f32 * scale,
            });
            pen += position.x_advance as f32 * scale + style.tracking;
            cluster_glyphs.entry(info.cluster as usize).or_default().push(gid);
        }
        for (cluster, gids) in cluster_glyphs {
            let end = starts
                .iter()
                .copied()
                .find(|start| *start > cluster)
                .unwrap_or(run_text.len());
            map_cluster(face, font, &run_text[cluster..end], &gids, texts);
        }
        runs.push(ShapedRun {
            font,
            text: run_text,
            glyphs,
        });
    }
    let width = (pen - style.tracking).max(0.0);
    Ok(ShapedLine { runs, width, style })
}

/// Records what each glyph of a cluster stands for: a glyph that is the font's own glyph for one
/// of the cluster's characters stands for that character; the characters left over (subscript
/// consonants, ligatures) go to the first glyph that is nobody's own.
fn map_cluster(face: &rustybuzz::Face<'_>, font: FontKey, cluster: &str, gids: &[u16], texts: &mut GlyphTexts) {
    let mut remaining: Vec<char> = cluster.chars().collect();
    let mut assigned: Vec<Option<String>> = Vec::with_capacity(gids.len());
    for gid in gids {
        let own = remaining
            .iter()
            .position(|c| face.glyph_index(*c).map(|g| g.0) == Some(*gid));
        assigned.push(own.map(|i| remaining.remove(i).to_string()));
    }
    let leftover: String = remaining.into_iter().collect();
    if !leftover.is_empty() {
        match assigned.iter().position(Option::is_none) {
            Some(i) => assigned[i] = Some(leftover),
            None => {
                if let Some(Some(last)) = assigned.last_mut() {
                    last.push_str(&leftover);
                }
            }
        }
    }
    for (gid, text) in gids.iter().zip(assigned) {
        texts.record(font, *gid, text.unwrap_or_default());
    }
}

/// A shaped line placed on the page: its left end at `x`, its baseline at `y`.
#[derive(Debug, Clone)]
pub(crate) struct PlacedLine {
    pub line: ShapedLine,
    pub x: f32,
    pub y: f32,
}

/// The subset fonts registered in the document, with each original glyph id's id in the subset.
pub(crate) struct EmbeddedFonts {
    remap: BTreeMap<FontKey, BTreeMap<u16, u16>>,
}

/// Subsets every used font, registers it in `doc` under its resource name, and returns the glyph
/// id maps.
pub(crate) fn embed_fonts(doc: &mut PdfDocument, texts: &GlyphTexts) -> Result<EmbeddedFonts, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};

    let mut remap = BTreeMap::new();
    for font in FontKey::ALL {
        let used = texts.used(font);
        if used.is_empty() {
            continue;
        }
        let mut glyph_ids = vec![0u16];
        glyph_ids.extend(used.iter().copied().filter(|gid| *gid != 0));
        let data = ReadScope::new(font.bytes())
            .read::<FontData<'_>>()
            .map_err(|error| PdfError::Font(format!("{font:?}: {error}")))?;
        let provider = data
            .table_provider(0)
            .map_err(|error| PdfError::Font(format!("{font:?}: {error}")))?;
        let bytes = subset(&provider, &glyph_ids, &SubsetProfile::Pdf, CmapTarget::Unrestricted)
            .map_err(|error| PdfError::Font(format!("subsetting {font:?}: {error}")))?;

        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::Font(format!("cannot read the subset of {font:?}")))?;
        let digest = Sha256::digest(&bytes);
        let tag: String = digest.iter().take(6).map(|b| char::from(b'A' + b % 26)).collect();
        parsed.font_name = Some(format!("{tag}+{}", font.postscript_name()));
        doc.resources
            .fonts
            .map
            .insert(FontId(font.resource().to_string()), printpdf::PdfFont::new(parsed));
        let map = glyph_ids
            .iter()
            .enumerate()
            .map(|(new, old)| (*old, new as u16))
            .collect::<BTreeMap<u16, u16>>();
        remap.insert(font, map);
    }
    Ok(EmbeddedFonts { remap })
}

/// A PDF text string: UTF-16BE with a byte order mark.
fn pdf_text_string(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// The operations that draw `placed`.
pub(crate) fn line_ops(placed: &PlacedLine, fonts: &EmbeddedFonts, texts: &GlyphTexts, ops: &mut Vec<Op>) {
    let style = placed.line.style;
    let (r, g, b) = style.color;
    ops.push(Op::SetFillColor {
        col: Color::Rgb(printpdf::Rgb::new(r, g, b, None)),
    });
    ops.push(Op::StartTextSection);
    for run in &placed.line.runs {
        let remap = &fonts.remap[&run.font];
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(run.font.resource().to_string())),
            size: Pt(style.size),
        });
        // Khmer runs, and letter-spaced runs (whose gaps would read as spaces), say their text.
        let actual_text = run.font.is_khmer() || style.tracking != 0.0;
        if actual_text {
            let mut properties = BTreeMap::new();
            properties.insert(
                "ActualText".to_string(),
                DictItem::String {
                    data: pdf_text_string(&run.text),
                    literal: false,
                },
            );
            ops.push(Op::BeginMarkedContentWithProperties {
                tag: "Span".to_string(),
                properties: DictItem::Dict { map: properties },
            });
        }
        for glyph in &run.glyphs {
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(round(placed.x + glyph.x)), Pt(round(placed.y + glyph.y))),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                    remap[&glyph.gid],
                    0.0,
                    texts.text(run.font, glyph.gid),
                )])],
            });
        }
        if actual_text {
            ops.push(Op::EndMarkedContentWithProperties);
        }
    }
    ops.push(Op::EndTextSection);
}

/// Rounds a coordinate to 1/100 pt, so the content stream has short, stable numbers.
pub(crate) fn round(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}
