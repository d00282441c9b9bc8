"""Server-rendered SVG chart geometry: readable without JavaScript, printable, accessible
(each chart has a text title and its numbers in a table beside it)."""

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 720, 240, 40, 28, 12


def _scale(maximum):
    """A round axis maximum at or above ``maximum``."""
    if maximum <= 0:
        return 1
    step = 10 ** (len(str(int(maximum))) - 1)
    return ((int(maximum) + step - 1) // step) * step


def column_chart(rows, value_key, label):
    """Vertical bars, one per row (e.g. per month). Returns the geometry the template draws."""
    plot_w, plot_h = WIDTH - PAD_LEFT, HEIGHT - PAD_BOTTOM - PAD_TOP
    top = _scale(max((r[value_key] for r in rows), default=0))
    slot = plot_w / max(len(rows), 1)
    bars = []
    for i, row in enumerate(rows):
        h = plot_h * row[value_key] / top
        bars.append({
            "x": round(PAD_LEFT + i * slot + slot * 0.1, 1), "width": round(max(slot * 0.8, 1), 1),
            "y": round(PAD_TOP + plot_h - h, 1), "height": round(h, 1),
            "value": row[value_key], "label": label(row),
            "tick": len(rows) <= 24 or i % max(len(rows) // 12, 1) == 0,
        })
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "max": top,
            "axis_y": PAD_TOP + plot_h, "left": PAD_LEFT, "top": PAD_TOP}


def line_chart(rows, value_key, label):
    """A line through each row's value (e.g. the cumulative total)."""
    chart = column_chart(rows, value_key, label)
    chart["points"] = " ".join(
        f"{bar['x'] + bar['width'] / 2},{bar['y']}" for bar in chart["bars"]
    )
    return chart


def bar_list(rows, value_key):
    """Horizontal bars as percentages of the largest value. The template draws each as an empty
    <svg> whose width attribute is the percentage: a style attribute would be blocked by the
    Content-Security-Policy (style-src 'self')."""
    top = max((r[value_key] for r in rows), default=0) or 1
    return [{**row, "percent": round(100 * row[value_key] / top, 1)} for row in rows]
