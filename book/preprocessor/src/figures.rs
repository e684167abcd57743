//! Figures every reader can read. A Markdown image of one of the book's own SVG files becomes a
//! `<figure>` whose picture is never drawn narrower than its smallest label allows: on a phone
//! a figure keeps its labels at `MIN_LABEL_PX` or more and scrolls sideways instead of shrinking
//! them to 6 px, and a tap opens it on its own, full size. The width it needs is read from the
//! SVG itself (its viewBox and its smallest font size), so a new figure needs nothing more.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::escape;

/// The smallest label, in CSS pixels as shown, that a figure may have (the book test measures
/// it in Chromium at a phone's width).
pub const MIN_LABEL_PX: f64 = 11.0;

/// What a figure's SVG says about its size.
#[derive(Debug, PartialEq)]
pub struct SvgSize {
    /// The viewBox's width and height: the drawing's own units, one CSS pixel each at 100%.
    pub width: f64,
    pub height: f64,
    /// The smallest font size of any text, in the drawing's units.
    pub smallest_font: f64,
}

/// `content` with every image of a local `.svg` file as a legible figure; `page_dir` is the
/// page's folder, which the image's path is relative to. Code blocks are left alone.
pub fn legible_figures(content: &str, page_dir: &Path) -> Result<String> {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    let mut in_fence = false;
    while !rest.is_empty() {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let image = if in_fence { None } else { svg_image_at(rest) };
        match image {
            Some((alt, src, len)) => {
                let size = svg_size(
                    &std::fs::read_to_string(page_dir.join(src)).with_context(|| {
                        format!("the figure {src} (from {})", page_dir.display())
                    })?,
                )
                .with_context(|| format!("the figure {src}"))?;
                out.push_str(&figure_html(&alt, src, &size));
                rest = &rest[len..];
            }
            None => {
                out.push_str(line);
                rest = &rest[line_end..];
            }
        }
    }
    Ok(out)
}

/// An image that starts a line and names a local SVG: `![alt](path.svg)`, the alt text
/// possibly over several lines. Returns the alt text (one line), the path, and the length of
/// the Markdown it spans.
fn svg_image_at(text: &str) -> Option<(String, &str, usize)> {
    let after_indent = text.len() - text.trim_start_matches(' ').len();
    let body = text[after_indent..].strip_prefix("![")?;
    // The alt text ends at the `]` that balances the `[`.
    let mut depth = 1;
    let mut alt_end = None;
    for (i, c) in body.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    alt_end = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let alt_end = alt_end?;
    let target = body[alt_end + 1..].strip_prefix('(')?;
    let src_end = target.find(')')?;
    let src = &target[..src_end];
    if !src.ends_with(".svg") || src.contains("://") || src.contains(char::is_whitespace) {
        return None;
    }
    let alt = body[..alt_end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let len = after_indent + 2 + alt_end + 1 + 1 + src_end + 1;
    Some((alt, src, len))
}

/// The figure as one HTML block (no blank line, so Markdown keeps it whole).
fn figure_html(alt: &str, src: &str, size: &SvgSize) -> String {
    // Narrower than this, the smallest label would fall under MIN_LABEL_PX.
    let min_width = (size.width * MIN_LABEL_PX / size.smallest_font).ceil();
    let mut html = String::new();
    write!(
        html,
        "<figure class=\"oxidize-figure\"><div class=\"oxidize-figure-frame\">\
         <a href=\"{src}\" title=\"Open the figure on its own, full size\">\
         <img src=\"{src}\" alt=\"{alt}\" width=\"{width}\" height=\"{height}\" \
         style=\"min-width: {min_width}px; max-width: {width}px\"></a></div>\
         <figcaption class=\"oxidize-figure-scroll\">Wider than your screen: scroll sideways, \
         or tap it to open it full size.</figcaption></figure>",
        src = escape(src),
        alt = escape(alt),
        width = size.width,
        height = size.height,
    )
    .expect("writing to a String cannot fail");
    html
}

/// Reads the viewBox and the smallest font size of an SVG: the smallest of every size it
/// declares, in `font-size` attributes or in CSS (a `<style>` element or style attributes),
/// whether or not some text uses it: a figure is sized for its smallest possible label.
pub fn svg_size(svg: &str) -> Result<SvgSize> {
    let root_start = svg.find("<svg").context("no <svg> element")?;
    let root_end = root_start + svg[root_start..].find('>').context("an unclosed <svg>")?;
    let view_box =
        attribute(&svg[root_start..root_end], "viewBox").context("the <svg> has no viewBox")?;
    let numbers: Vec<f64> = view_box
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .context("a viewBox of four numbers")?;
    let [_, _, width, height] = numbers[..] else {
        bail!("a viewBox of four numbers, not {view_box:?}");
    };
    let declared = svg
        .match_indices("font-size")
        .filter_map(|(i, _)| {
            let value = svg[i + "font-size".len()..].trim_start_matches([' ', ':', '=', '"']);
            let digits: String = value
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            digits.parse::<f64>().ok()
        })
        .fold(None, |smallest: Option<f64>, size| {
            Some(smallest.map_or(size, |s| s.min(size)))
        });
    if !svg.contains("<text") {
        bail!("the SVG has no text");
    }
    Ok(SvgSize {
        width,
        height,
        // Text with no size declared anywhere is drawn at SVG's default, 16.
        smallest_font: declared.unwrap_or(16.0),
    })
}

/// The value of `name="..."` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!(" {name}=\"");
    let start = tag.find(&pattern)? + pattern.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"700\" height=\"300\" \
        viewBox=\"0 0 700 300\" font-size=\"14\"><text x=\"1\">a</text>\
        <text font-size=\"13\">b</text><text style=\"font-size: 9px; fill: red\">c</text></svg>";

    #[test]
    fn the_size_is_the_view_box_and_the_smallest_font_of_any_text() {
        assert_eq!(
            svg_size(SVG).unwrap(),
            SvgSize {
                width: 700.0,
                height: 300.0,
                smallest_font: 9.0
            }
        );
    }

    #[test]
    fn sizes_set_in_a_style_element_count_too() {
        let svg = "<svg viewBox=\"0 0 100 50\" font-size=\"14\"><style>.small { font-size: 12px }\
                   </style><text class=\"small\">a</text></svg>";
        assert_eq!(svg_size(svg).unwrap().smallest_font, 12.0);
        let no_size = "<svg viewBox=\"0 0 100 50\"><text>a</text></svg>";
        assert_eq!(svg_size(no_size).unwrap().smallest_font, 16.0);
    }

    #[test]
    fn a_figure_is_never_narrower_than_its_smallest_label_allows() {
        let html = figure_html("a <b>", "x.svg", &svg_size(SVG).unwrap());
        // 700 units with 9 px labels: 11 px labels need 700 * 11 / 9 = 856 px.
        assert!(html.contains("min-width: 856px"), "{html}");
        assert!(html.contains("alt=\"a &lt;b&gt;\""), "{html}");
        assert!(html.contains("<a href=\"x.svg\""), "{html}");
        assert!(!html.contains("\n\n"));
    }

    #[test]
    fn images_of_svg_files_become_figures_and_the_rest_is_kept() {
        let dir = std::env::temp_dir().join(format!("oxidize-figures-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("f.svg"), SVG).unwrap();
        let page = "# Title\n\nText [a link](x.md).\n\n![A figure, its alt text\nover two lines [with brackets]](f.svg)\n\n\
                    ![a photo](p.png)\n\n```md\n![not a figure](f.svg)\n```\n";
        let out = legible_figures(page, &dir).unwrap();
        assert!(
            out.starts_with("# Title\n\nText [a link](x.md).\n\n<figure"),
            "{out}"
        );
        assert!(out.contains("alt=\"A figure, its alt text over two lines [with brackets]\""));
        assert!(out.contains("![a photo](p.png)"));
        assert!(out.contains("```md\n![not a figure](f.svg)\n```"));
        assert_eq!(out.matches("<figure").count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_figure_is_an_error_naming_it() {
        let err = legible_figures("![x](gone.svg)\n", Path::new("/nonexistent")).unwrap_err();
        assert!(format!("{err:#}").contains("gone.svg"), "{err:#}");
    }
}
