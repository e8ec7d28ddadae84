//! Whether a plan's basis (依据) cites another plan.
//!
//! Citations vary: the title with or without 《》 and quotes, the notice that issued it
//! (关于印发…的通知), the region's name shortened (自治区…), a word left out (卫生与健康发展规划
//! for 卫生与健康事业发展规划). Both sides are folded ([`citation_core`]) and compared by
//! containment, then by similarity.

use planlint_model::names::{normalise, similarity};

/// Whether any of a plan's basis entries cites a plan with `title`.
pub fn cites(basis: &[planlint_model::Spanned<String>], title: &str) -> bool {
    let basis: Vec<String> = basis.iter().map(|b| citation_core(&b.value)).collect();
    cites_folded(&basis, &citation_core(title))
}

/// [`cites`] on texts already folded by [`citation_core`].
pub fn cites_folded(basis: &[String], want: &str) -> bool {
    if want.is_empty() {
        return false;
    }
    basis.iter().any(|have| {
        have.contains(want)
            || want.contains(have.as_str()) && have.chars().count() >= 8
            || similarity(have, want) >= 0.8
            || similarity(&strip_region(have), &strip_region(want)) >= 0.85
    })
}

/// A title or a citation as [`cites`] compares it: normalised, without the notice around
/// it (关于印发…的通知).
pub fn citation_core(s: &str) -> String {
    let mut n = normalise(s);
    for prefix in ["关于印发", "关于"] {
        if let Some(i) = n.find(prefix) {
            n = n[i + prefix.len()..].to_string();
        }
    }
    for suffix in ["的通知", "通知"] {
        if let Some(rest) = n.strip_suffix(suffix) {
            n = rest.to_string();
        }
    }
    n
}

/// A title without the leading region name (内蒙古自治区…, 自治区…), for citations that
/// shorten it.
fn strip_region(title: &str) -> String {
    for marker in ["自治区", "省", "市", "州", "盟", "旗", "县"] {
        if let Some(i) = title.find(marker) {
            if i <= 3 * 6 {
                return title[i + marker.len()..].to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(basis: &str, title: &str) -> bool {
        cites_folded(&[citation_core(basis)], &citation_core(title))
    }

    #[test]
    fn citations_match_the_ways_plans_cite() {
        let title = "内蒙古自治区“十四五”卫生与健康事业发展规划";
        assert!(cite(
            "《内蒙古自治区“十四五”卫生与健康事业发展规划》",
            title
        ));
        assert!(cite(
            "关于印发内蒙古自治区“十四五”卫生与健康事业发展规划的通知",
            title
        ));
        assert!(cite("《内蒙古自治区“十四五”卫生与健康发展规划》", title));
        assert!(cite("《自治区“十四五”卫生与健康事业发展规划》", title));
        assert!(!cite("《“十四五”国民健康规划》", title));
        assert!(!cite("《健康中国行动（2019—2030年）》", title));
        assert!(!cite("", title));
        assert!(!cite("《某规划》", ""));
    }
}
