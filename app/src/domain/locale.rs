use serde::{Deserialize, Serialize};
use std::fmt;

/// The languages KoproGo speaks: Belgium's three official languages and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Locale {
    #[default]
    Fr,
    Nl,
    De,
    En,
}

/// Name of the cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "koprogo_lang";

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::Fr, Locale::Nl, Locale::De, Locale::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::Nl => "nl",
            Locale::De => "de",
            Locale::En => "en",
        }
    }

    /// The language's own name, shown in the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fr => "Français",
            Locale::Nl => "Nederlands",
            Locale::De => "Deutsch",
            Locale::En => "English",
        }
    }

    /// Accepts a bare language or a tag with a region (`nl-BE`, `de_DE`).
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let primary = raw
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Ok(Locale::Fr),
            "nl" => Ok(Locale::Nl),
            "de" => Ok(Locale::De),
            "en" => Ok(Locale::En),
            _ => Err("locale.invalid"),
        }
    }

    /// The best supported language in an `Accept-Language` header (RFC 9110 §12.5.4):
    /// highest q first, header order breaking ties, `q=0` meaning "not acceptable".
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut candidates: Vec<(u16, usize, Locale)> = header
            .split(',')
            .enumerate()
            .filter_map(|(index, item)| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map(|q| (q.trim().parse::<f32>().unwrap_or(0.0) * 1000.0) as u16)
                    .unwrap_or(1000);
                let locale = Locale::parse(tag).ok()?;
                (quality > 0).then_some((quality, index, locale))
            })
            .collect();
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        candidates.first().map(|c| c.2)
    }

    /// The language of a response: the remembered choice (cookie, written at login from the
    /// user's preference and on every switch), else the browser's, else French.
    pub fn resolve(remembered: Option<&str>, accept_language: Option<&str>) -> Locale {
        remembered
            .and_then(|value| Locale::parse(value).ok())
            .or_else(|| accept_language.and_then(Locale::from_accept_language))
            .unwrap_or_default()
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value of a cookie in a `Cookie` request header.
pub fn cookie_value<'a>(cookie_header: &'a str, name: &str) -> Option<&'a str> {
    cookie_header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_with_regions() {
        assert_eq!(Locale::parse("nl-BE"), Ok(Locale::Nl));
        assert_eq!(Locale::parse("de_DE"), Ok(Locale::De));
        assert_eq!(Locale::parse("FR"), Ok(Locale::Fr));
        assert_eq!(Locale::parse("es"), Err("locale.invalid"));
    }

    #[test]
    fn accept_language_honours_quality_then_order() {
        assert_eq!(
            Locale::from_accept_language("es-ES,nl-BE;q=0.8,fr;q=0.9"),
            Some(Locale::Fr)
        );
        assert_eq!(
            Locale::from_accept_language("de;q=0.5, en;q=0.5"),
            Some(Locale::De)
        );
        assert_eq!(
            Locale::from_accept_language("en-US,en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("fr;q=0, nl;q=0.1"),
            Some(Locale::Nl)
        );
        assert_eq!(Locale::from_accept_language("ja, zh"), None);
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn remembered_choice_wins_then_browser_then_french() {
        assert_eq!(Locale::resolve(Some("nl"), Some("en")), Locale::Nl);
        assert_eq!(Locale::resolve(Some("garbage"), Some("de")), Locale::De);
        assert_eq!(Locale::resolve(None, Some("en-GB")), Locale::En);
        assert_eq!(Locale::resolve(None, None), Locale::Fr);
    }

    #[test]
    fn finds_cookie_values() {
        let header = "a=1; koprogo_lang=nl; id=xyz";
        assert_eq!(cookie_value(header, LOCALE_COOKIE), Some("nl"));
        assert_eq!(cookie_value(header, "missing"), None);
    }
}
