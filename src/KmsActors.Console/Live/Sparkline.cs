using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace KmsActors.Console.Live;

/// <summary>A small line chart drawn on the server as inline SVG (no script, no chart library): the values left to
/// right, scaled to the tallest, with its meaning for screen readers in the aria-label and a title.</summary>
public static class Sparkline
{
    public const int Width = 300;
    public const int Height = 40;

    public static IHtmlContent Svg(IReadOnlyList<double> values, string label, string cssClass)
    {
        var max = values.Count == 0 ? 0 : values.Max();
        var scale = max <= 0 ? 0 : (Height - 4) / max;
        var step = values.Count <= 1 ? 0 : (double)Width / (values.Count - 1);
        var points = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
                points.Append(' ');
            points.Append(Number(i * step)).Append(',').Append(Number(Height - 2 - values[i] * scale));
        }
        var text = WebUtility.HtmlEncode(label);
        return new HtmlString(
            $"<svg class=\"sparkline {cssClass}\" viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{text}\">" +
            $"<title>{text}</title>" +
            $"<line class=\"baseline\" x1=\"0\" y1=\"{Height - 1}\" x2=\"{Width}\" y2=\"{Height - 1}\" />" +
            $"<polyline points=\"{points}\" /></svg>");
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
