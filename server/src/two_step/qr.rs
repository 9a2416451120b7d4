//! QR codes as SVG, made on the server so that the console carries no QR encoder.

use qrcodegen::{QrCode, QrCodeEcc};

use crate::error::{Error, Result};

/// The quiet zone around the code, in modules (the standard asks for four).
const QUIET_ZONE: i32 = 4;

/// The QR code of `text` (error correction level M) as an SVG document: one path of dark
/// modules on a white background, which scales to any size.
pub fn svg(text: &str) -> Result<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|e| Error::Internal(format!("QR code: {e}")))?;
    let size = qr.size();
    let side = size + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_draws_every_dark_module_inside_its_quiet_zone() {
        let text = "otpauth://totp/Twostep%20Admin:a?secret=GEZDGNBV";
        let svg = svg(text).unwrap();
        let qr = QrCode::encode_text(text, QrCodeEcc::Medium).unwrap();
        let side = qr.size() + 8;
        assert!(svg.starts_with(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\""
        )));
        assert!(svg.ends_with("</svg>"));
        let dark = (0..qr.size())
            .flat_map(|y| (0..qr.size()).map(move |x| (x, y)))
            .filter(|(x, y)| qr.get_module(*x, *y))
            .count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        // The top-left finder pattern starts at the quiet zone's corner.
        assert!(svg.contains("M4,4h1v1h-1z"));
    }
}
