//! Phone numbers and email addresses as typed and as shown.

/// The international (E.164) form of a phone number as typed: `+` and 8 to 15 digits, the
/// first not 0. Spaces, dots, dashes and brackets are ignored; `00` may stand for `+`. The
/// error is the message to show.
pub fn e164(typed: &str) -> Result<String, String> {
    let compact: String =
        typed.chars().filter(|c| !c.is_whitespace() && !".-()".contains(*c)).collect();
    let digits = compact
        .strip_prefix('+')
        .or_else(|| compact.strip_prefix("00"))
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    match digits {
        Some(d) if (8..=15).contains(&d.len()) && !d.starts_with('0') => Ok(format!("+{d}")),
        _ => Err(
            "Enter the number in international form, starting with + and the country code, such as +44 7700 900123."
                .into(),
        ),
    }
}

/// A phone number with all but its last three digits hidden: `+44 •••• ••• 123`.
pub fn mask_phone(e164: &str) -> String {
    let digits = e164.trim_start_matches('+');
    let shown = digits.len().saturating_sub(3);
    let country = &digits[..digits.len().min(2)];
    format!("+{country} •••• ••• {}", &digits[shown..])
}

/// An email address with its local part hidden but for its first letter:
/// `i•••@northwind.example`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_read_in_international_form() {
        assert_eq!(e164("+44 7700 900123").as_deref(), Ok("+447700900123"));
        assert_eq!(e164("(+1) 415-555.0100").as_deref(), Ok("+14155550100"));
        assert_eq!(e164("0044 7700 900123").as_deref(), Ok("+447700900123"));
        for bad in [
            "07700 900123",
            "+44 7700 abc",
            "+0123456789",
            "+1234567",
            "+1234567890123456",
            "",
            "+",
        ] {
            let message = e164(bad).unwrap_err();
            assert!(message.contains("international form"), "{bad}: {message}");
        }
    }

    #[test]
    fn shown_numbers_and_emails_hide_most_of_themselves() {
        assert_eq!(mask_phone("+447700900123"), "+44 •••• ••• 123");
        assert_eq!(mask_email("ines@northwind.example"), "i•••@northwind.example");
        assert_eq!(mask_email("nobody"), "•••");
    }
}
