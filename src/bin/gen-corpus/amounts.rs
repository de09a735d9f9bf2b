//! Amounts as the press writes them, and their 10x slips.

/// Formats an amount as the press writes it.
pub(crate) fn fmt_amount(value: f64, unit: &str, style: usize) -> String {
    let (scale, word) = if value.abs() >= 1e12 {
        (1e12, " trillion")
    } else if value.abs() >= 1e9 {
        (1e9, " billion")
    } else if value.abs() >= 1e6 {
        (1e6, " million")
    } else {
        (1.0, "")
    };
    let m = value / scale;
    let mut num = format!("{m:.2}");
    while num.contains('.') && (num.ends_with('0') || num.ends_with('.')) {
        num.pop();
    }
    if scale == 1.0 {
        num = group_thousands(&num);
    }
    match unit {
        "USD" => match style % 10 {
            0 if !word.is_empty() => format!("${num}{}", short_scale(word)),
            1 => format!("US${num}{word}"),
            _ => format!("${num}{word}"),
        },
        "EUR" => format!("€{num}{word}"),
        "GBP" => format!("£{num}{word}"),
        "JPY" => {
            if style.is_multiple_of(2) {
                format!("¥{num}{word}")
            } else {
                format!("{num}{word} yen")
            }
        }
        "%" => {
            if style.is_multiple_of(2) {
                format!("{num}%")
            } else {
                format!("{num} percent")
            }
        }
        "" => format!("{num}{word}"),
        code => format!("{num}{word} {code}"),
    }
}

pub(crate) fn short_scale(word: &str) -> &'static str {
    match word {
        " trillion" => "tn",
        " billion" => "bn",
        " million" => "m",
        _ => "",
    }
}

pub(crate) fn group_thousands(num: &str) -> String {
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The 10x slip of a value: a zero dropped, or one added to small mantissas.
pub(crate) fn slip(value: f64) -> f64 {
    let scale = if value.abs() >= 1e12 {
        1e12
    } else if value.abs() >= 1e9 {
        1e9
    } else if value.abs() >= 1e6 {
        1e6
    } else {
        1.0
    };
    if value / scale >= 20.0 {
        value / 10.0
    } else {
        value * 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_as_the_press_does() {
        assert_eq!(fmt_amount(550e9, "USD", 5), "$550 billion");
        assert_eq!(fmt_amount(550e9, "USD", 0), "$550bn");
        assert_eq!(fmt_amount(1.2e9, "USD", 1), "US$1.2 billion");
        assert_eq!(fmt_amount(3.6e12, "JPY", 1), "3.6 trillion yen");
        assert_eq!(fmt_amount(15.0, "%", 0), "15%");
        assert_eq!(fmt_amount(12000.0, "", 0), "12,000");
        assert_eq!(slip(550e9), 55e9);
        assert_eq!(slip(12e6), 120e6);
    }
}
