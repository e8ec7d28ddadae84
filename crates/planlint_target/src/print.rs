//! The canonical print of a [`Target`]: one spelling per form, chosen so that
//! `parse(&target.to_string())` gives the same form and flags back.
//!
//! The spellings are `[力争]` + body + `[左右]`, where the body is a sign form (`≥25%`) or,
//! when the target was given in words, a word form (`25%以上`, `低于23%`, `达到1.3张`).
//! An unreadable target prints its raw text, since there is nothing better to print.

use std::fmt;

use crate::{Bound, ChangeKind, Dir, Form, Target, Unit};

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.form {
            Form::Empty => return f.write_str("——"),
            Form::History { text } => return f.write_str(text),
            Form::Unreadable { .. } => return f.write_str(&self.raw),
            Form::Parts(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str("；")?;
                    }
                    write!(f, "{}：{}", part.name, part.target)?;
                }
                return Ok(());
            }
            _ => {}
        }
        if self.strive {
            f.write_str("力争")?;
        }
        match &self.form {
            Form::Value { value, unit, bound } => {
                let unit = unit_label(unit.as_ref());
                match (bound, self.words) {
                    (Bound::Plain, false) => write!(f, "{value}{unit}")?,
                    (Bound::Plain, true) => write!(f, "达到{value}{unit}")?,
                    (Bound::AtLeast { strict: false }, false) => write!(f, "≥{value}{unit}")?,
                    (Bound::AtLeast { strict: true }, false) => write!(f, ">{value}{unit}")?,
                    (Bound::AtMost { strict: false }, false) => write!(f, "≤{value}{unit}")?,
                    (Bound::AtMost { strict: true }, false) => write!(f, "<{value}{unit}")?,
                    (Bound::AtLeast { strict: false }, true) => write!(f, "{value}{unit}以上")?,
                    (Bound::AtLeast { strict: true }, true) => write!(f, "高于{value}{unit}")?,
                    (Bound::AtMost { strict: false }, true) => write!(f, "{value}{unit}以下")?,
                    (Bound::AtMost { strict: true }, true) => write!(f, "低于{value}{unit}")?,
                }
            }
            Form::Range { low, high, unit } => {
                write!(f, "{low}-{high}{}", unit_label(unit.as_ref()))?;
            }
            Form::Change {
                amount,
                kind,
                direction,
                from_year,
                at_least,
            } => {
                match from_year {
                    Some(year) => write!(f, "比{year}年")?,
                    None => f.write_str("比基期")?,
                }
                write_change(f, *amount, kind, *direction, *at_least)?;
            }
            Form::PerYear {
                amount,
                kind,
                direction,
                at_least,
            } => {
                f.write_str("每年")?;
                write_change(f, *amount, kind, *direction, *at_least)?;
            }
            Form::Direction(dir) => f.write_str(match dir {
                Dir::Up => "持续提升",
                Dir::Down => "逐步降低",
                Dir::Stable => "保持稳定",
            })?,
            Form::Empty | Form::History { .. } | Form::Unreadable { .. } | Form::Parts(_) => {}
        }
        if self.approx {
            f.write_str("左右")?;
        }
        Ok(())
    }
}

fn unit_label(unit: Option<&Unit>) -> &str {
    unit.map_or("", Unit::label)
}

fn write_change(
    f: &mut fmt::Formatter<'_>,
    amount: f64,
    kind: &ChangeKind,
    direction: Dir,
    at_least: bool,
) -> fmt::Result {
    // A change is always up or down; `Stable` cannot come from the parser, and prints as a
    // word that says so rather than as a wrong direction.
    f.write_str(match direction {
        Dir::Up => "提高",
        Dir::Down => "降低",
        Dir::Stable => "变动",
    })?;
    match kind {
        ChangeKind::Percent => write!(f, "{amount}%")?,
        ChangeKind::Points => write!(f, "{amount}个百分点")?,
        ChangeKind::Absolute(unit) => write!(f, "{amount}{}", unit_label(unit.as_ref()))?,
    }
    if at_least {
        f.write_str("以上")?;
    }
    Ok(())
}
