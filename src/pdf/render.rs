//! Pages of the layout into a PDF with printpdf (fonts embedded as subsets), then made PDF/A-1b.

use std::collections::BTreeMap;

use printpdf::{
    Color, FontId, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, RawImage, RawImageData, RawImageFormat,
    TextItem, WindingOrder, XObjectId, XObjectTransform,
};

use super::fonts::Face;
use super::page::{ImageRef, Item, MM, Page, Rgb};
use super::pdfa::Meta;

/// Images by role, as PNG files (the logo, the scanned signature, the stamp).
pub type Images = BTreeMap<ImageRef, Vec<u8>>;

#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn render(
    pages: &[Page],
    size: (f32, f32),
    images: &Images,
    meta: &Meta,
) -> Result<Vec<u8>, RenderError> {
    let doc = drawn(pages, size, images, meta.title)?;
    super::pdfa::archival(doc, meta).map_err(RenderError)
}

/// The pages drawn by printpdf (fonts subset and embedded), before the PDF/A step.
pub fn drawn(
    pages: &[Page],
    size: (f32, f32),
    images: &Images,
    title: &str,
) -> Result<lopdf::Document, RenderError> {
    let mut doc = PdfDocument::new(title);
    let mut fonts: BTreeMap<Face, FontId> = BTreeMap::new();
    for face in Face::ALL {
        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
            .ok_or_else(|| RenderError("huruf bawaan tidak terbaca".into()))?;
        fonts.insert(face, doc.add_font(&parsed));
    }
    let mut xobjects: BTreeMap<ImageRef, (XObjectId, usize, usize)> = BTreeMap::new();
    for (which, png) in images {
        let img = flatten_on_white(png)?;
        let (w, h) = (img.width, img.height);
        xobjects.insert(*which, (doc.add_image(&img), w, h));
    }
    let (pw, ph) = size;
    let out: Vec<PdfPage> = pages
        .iter()
        .map(|p| PdfPage::new(Mm(pw / MM), Mm(ph / MM), ops(p, ph, &fonts, &xobjects)))
        .collect();
    doc.with_pages(out);
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    Ok(doc.to_lopdf_document(&opts, &mut warnings))
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(c.0, c.1, c.2, None))
}

fn pt(x: f32, y: f32, ph: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(ph - y),
    }
}

/// The page's drawing operators. The graphics state is written only where it changes (a
/// text's colour and font, a line's width and colour) rather than around every item: the
/// same page, with a fraction of the operators printpdf has to format.
fn ops(
    page: &Page,
    ph: f32,
    fonts: &BTreeMap<Face, FontId>,
    images: &BTreeMap<ImageRef, (XObjectId, usize, usize)>,
) -> Vec<Op> {
    let mut p = Painter::default();
    for item in &page.items {
        // Only texts go into a text object: anything else closes it first.
        if !matches!(item, Item::Text { .. }) {
            p.end_text();
        }
        match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => printpdf::PaintMode::FillStroke,
                    (Some(_), None) => printpdf::PaintMode::Fill,
                    _ => printpdf::PaintMode::Stroke,
                };
                if let Some(f) = fill {
                    p.fill(*f);
                }
                if let Some(s) = stroke {
                    p.thickness(*s);
                    p.outline(BLACK);
                }
                p.ops.push(Op::DrawRectangle {
                    rectangle: printpdf::Rect {
                        x: Pt(*x),
                        y: Pt(ph - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Item::Line {
                from,
                to,
                width,
                color: c,
            } => {
                p.thickness(*width);
                p.outline(*c);
                p.line(pt(from.0, from.1, ph), pt(to.0, to.1, ph));
            }
            Item::Polygon {
                points,
                fill,
                stroke,
            } => {
                p.thickness(*stroke);
                p.outline(BLACK);
                if let Some(f) = fill {
                    p.fill(*f);
                }
                p.ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points
                                .iter()
                                .map(|(x, y)| LinePoint {
                                    p: pt(*x, *y, ph),
                                    bezier: false,
                                })
                                .collect(),
                        }],
                        mode: if fill.is_some() {
                            printpdf::PaintMode::FillStroke
                        } else {
                            printpdf::PaintMode::Stroke
                        },
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Item::Text {
                x,
                y,
                size,
                face,
                text,
                color: c,
                underline,
            } => {
                p.fill(*c);
                p.font(*face, *size, fonts);
                p.text_at(pt(*x, *y, ph));
                p.ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                if *underline {
                    let w = super::fonts::Metrics::shared().width(*face, *size, text);
                    p.thickness(0.8);
                    p.outline(*c);
                    p.line(pt(*x, y + 1.8, ph), pt(x + w, y + 1.8, ph));
                }
            }
            Item::Image { which, x, y, w, h } => {
                let Some((id, pw_px, ph_px)) = images.get(which) else {
                    continue;
                };
                // Fit inside the box, keeping the image's proportions, centred.
                let scale = (w / *pw_px as f32).min(h / *ph_px as f32);
                let (iw, ih) = (*pw_px as f32 * scale, *ph_px as f32 * scale);
                let (ix, iy) = (x + (w - iw) / 2.0, y + (h - ih) / 2.0);
                p.ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(ix)),
                        translate_y: Some(Pt(ph - iy - ih)),
                        rotate: None,
                        scale_x: Some(scale),
                        scale_y: Some(scale),
                        dpi: Some(72.0),
                        no_auto_scale: false,
                    },
                });
                // Whatever the image's operators leave set is not assumed afterwards.
                p.forget();
            }
            Item::Qr { x, y, module, dark } => {
                p.fill(BLACK);
                // One rectangle per run of dark modules in a row.
                for (r, row) in dark.iter().enumerate() {
                    let mut c = 0;
                    while c < row.len() {
                        if !row[c] {
                            c += 1;
                            continue;
                        }
                        let start = c;
                        while c < row.len() && row[c] {
                            c += 1;
                        }
                        p.ops.push(Op::DrawRectangle {
                            rectangle: printpdf::Rect {
                                x: Pt(x + start as f32 * module),
                                y: Pt(ph - y - (r as f32 + 1.0) * module),
                                width: Pt((c - start) as f32 * module),
                                height: Pt(*module),
                                mode: Some(printpdf::PaintMode::Fill),
                                winding_order: None,
                            },
                        });
                    }
                }
            }
        }
    }
    p.end_text();
    p.ops
}

const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);

/// A page's operators and the graphics state they have set so far (`None`: not known).
#[derive(Default)]
struct Painter {
    ops: Vec<Op>,
    fill: Option<Rgb>,
    outline: Option<Rgb>,
    thickness: Option<f32>,
    font: Option<(Face, f32)>,
    /// Inside a text object: where the last text started.
    text: Option<(f32, f32)>,
}

impl Painter {
    fn fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn outline(&mut self, c: Rgb) {
        if self.outline != Some(c) {
            self.ops.push(Op::SetOutlineColor { col: color(c) });
            self.outline = Some(c);
        }
    }

    fn thickness(&mut self, w: f32) {
        if self.thickness != Some(w) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            self.thickness = Some(w);
        }
    }

    fn font(&mut self, face: Face, size: f32, fonts: &BTreeMap<Face, FontId>) {
        if self.font != Some((face, size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(fonts[&face].clone()),
                size: Pt(size),
            });
            self.font = Some((face, size));
        }
    }

    /// Moves to where the next text starts: within one text object while texts follow each
    /// other (a table's cells), each from the last one's start (`Td` is relative).
    fn text_at(&mut self, at: Point) {
        let (x, y) = match self.text {
            Some(from) => from,
            None => {
                self.ops.push(Op::StartTextSection);
                (0.0, 0.0)
            }
        };
        self.ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(at.x.0 - x),
                y: Pt(at.y.0 - y),
            },
        });
        self.text = Some((at.x.0, at.y.0));
    }

    /// Closes the text object before anything else is drawn.
    fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.ops.push(Op::EndTextSection);
        }
    }

    fn line(&mut self, from: Point, to: Point) {
        self.end_text();
        self.ops.push(Op::DrawLine {
            line: printpdf::Line {
                points: vec![
                    LinePoint {
                        p: from,
                        bezier: false,
                    },
                    LinePoint {
                        p: to,
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    fn forget(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        *self = Painter {
            ops,
            ..Painter::default()
        };
    }
}

/// PDF/A-1 forbids transparency: an image with alpha is composed onto white first.
fn flatten_on_white(png: &[u8]) -> Result<RawImage, RenderError> {
    let img = RawImage::decode_from_bytes(png, &mut Vec::new())
        .map_err(|e| RenderError(format!("gambar PNG tidak terbaca: {e}")))?;
    // Scans come as 8 or 16 bits per channel, grey or colour, with or without alpha.
    let px: Vec<u8> = match &img.pixels {
        RawImageData::U8(v) => v.clone(),
        RawImageData::U16(v) => v.iter().map(|&x| (x >> 8) as u8).collect(),
        RawImageData::F32(v) => v
            .iter()
            .map(|&x| (x.clamp(0.0, 1.0) * 255.0) as u8)
            .collect(),
    };
    let channels = match img.data_format {
        RawImageFormat::R8 | RawImageFormat::R16 => 1,
        RawImageFormat::RG8 | RawImageFormat::RG16 => 2,
        RawImageFormat::RGB8 | RawImageFormat::RGB16 | RawImageFormat::RGBF32 => 3,
        RawImageFormat::RGBA8 | RawImageFormat::RGBA16 | RawImageFormat::RGBAF32 => 4,
        other => {
            return Err(RenderError(format!(
                "format gambar {other:?} belum didukung; simpan ulang sebagai PNG RGB"
            )));
        }
    };
    let on_white =
        |c: u8, a: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    let rgb: Vec<u8> = px
        .chunks_exact(channels)
        .flat_map(|p| match channels {
            1 => [p[0]; 3],
            2 => [on_white(p[0], p[1]); 3],
            3 => [p[0], p[1], p[2]],
            _ => [
                on_white(p[0], p[3]),
                on_white(p[1], p[3]),
                on_white(p[2], p[3]),
            ],
        })
        .collect();
    Ok(RawImage {
        pixels: RawImageData::U8(rgb),
        width: img.width,
        height: img.height,
        data_format: RawImageFormat::RGB8,
        tag: Vec::new(),
    })
}
