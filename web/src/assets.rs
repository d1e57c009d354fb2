//! Static assets compiled into the binary; the api serves them at the paths given here.

/// The one stylesheet, served at [`STYLE_CSS_PATH`] as `text/css; charset=utf-8`.
pub const STYLE_CSS: &str = include_str!("../assets/style.css");

/// Where [`STYLE_CSS`] is served.
pub const STYLE_CSS_PATH: &str = "/static/style.css";

/// Noto Sans Khmer Regular (version 2.001, from Debian's fonts-noto-core), served at
/// [`NOTO_SANS_KHMER_PATH`] as `font/ttf`. Licensed under the SIL Open Font License 1.1: see
/// [`NOTO_SANS_KHMER_LICENSE`].
pub const NOTO_SANS_KHMER: &[u8] = include_bytes!("../assets/fonts/NotoSansKhmer-Regular.ttf");

/// Where [`NOTO_SANS_KHMER`] is served (the stylesheet's `@font-face` points here).
pub const NOTO_SANS_KHMER_PATH: &str = "/static/fonts/NotoSansKhmer-Regular.ttf";

/// The font's copyright notice and licence (SIL OFL 1.1), to ship alongside it.
pub const NOTO_SANS_KHMER_LICENSE: &str = include_str!("../assets/fonts/OFL.txt");

/// Where [`NOTO_SANS_KHMER_LICENSE`] may be served, as `text/plain; charset=utf-8`.
pub const NOTO_SANS_KHMER_LICENSE_PATH: &str = "/static/fonts/OFL.txt";

/// The content type and bytes of the asset served at `path`, if there is one: a ready-made
/// table for the api's static route.
pub fn lookup(path: &str) -> Option<(&'static str, &'static [u8])> {
    match path {
        STYLE_CSS_PATH => Some(("text/css; charset=utf-8", STYLE_CSS.as_bytes())),
        NOTO_SANS_KHMER_PATH => Some(("font/ttf", NOTO_SANS_KHMER)),
        NOTO_SANS_KHMER_LICENSE_PATH => Some(("text/plain; charset=utf-8", NOTO_SANS_KHMER_LICENSE.as_bytes())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_is_a_truetype_file() {
        assert!(NOTO_SANS_KHMER.len() > 50_000);
        assert_eq!(&NOTO_SANS_KHMER[..4], &[0, 1, 0, 0], "TrueType signature");
    }

    #[test]
    fn licence_names_the_font_and_the_ofl() {
        assert!(NOTO_SANS_KHMER_LICENSE.contains("Copyright 2016 Google Inc."));
        assert!(NOTO_SANS_KHMER_LICENSE.contains("SIL OPEN FONT LICENSE Version 1.1"));
    }

    #[test]
    fn stylesheet_is_small_self_contained_and_uses_the_served_font() {
        // One small file for every page, cached after the first (about 3.5 KiB gzipped).
        assert!(
            STYLE_CSS.len() < 20 * 1024,
            "style.css is {} bytes: keep it small for provincial phones",
            STYLE_CSS.len()
        );
        assert!(STYLE_CSS.contains(&format!("url(\"{NOTO_SANS_KHMER_PATH}\")")));
        assert!(STYLE_CSS.contains("font-display: swap"));
        assert!(STYLE_CSS.contains("\"Noto Sans Khmer\", \"Noto Sans\", system-ui, sans-serif"));
        for external in ["http:", "https:", "@import", "//fonts."] {
            assert!(!STYLE_CSS.contains(external), "style.css mentions {external}");
        }
    }

    #[test]
    fn lookup_serves_each_asset() {
        assert_eq!(lookup(STYLE_CSS_PATH).map(|(t, _)| t), Some("text/css; charset=utf-8"));
        assert_eq!(
            lookup(NOTO_SANS_KHMER_PATH).map(|(_, b)| b.len()),
            Some(NOTO_SANS_KHMER.len())
        );
        assert!(lookup(NOTO_SANS_KHMER_LICENSE_PATH).is_some());
        assert!(lookup("/static/../Cargo.toml").is_none());
    }
}
