using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace FokkerPlanckGrid.Plotting;

/// <summary>Size, fonts and colours shared by every figure, so that each reads at 100% on a 1200 x 800 PNG.</summary>
internal static class FigureStyle
{
    public const int Width = 1200, Height = 800;
    public const float TitleSize = 20, LabelSize = 17, TickSize = 14, LegendSize = 14;

    /// <summary>Axis label of every time axis: the run goes from T (left) down to t_min (right).</summary>
    public const string TimeLabel = "t (log scale; the run goes from T on the left down to t_min on the right)";

    /// <summary>A sans-serif face with the Greek, superscript and arrow glyphs used in labels, if installed.</summary>
    private static readonly string? SansFont = new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }
        .FirstOrDefault(f => SKFontManager.Default.GetFontFamilies().Contains(f));

    /// <summary>Fonts and sizes of a single panel: title, axis labels and tick labels.</summary>
    public static void Apply(Plot plot, string title, string xLabel, string yLabel)
    {
        if (SansFont is not null) plot.Font.Set(SansFont);
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = LogTicks.Linear };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = LogTicks.Linear };
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Right.TickLabelStyle.FontSize = TickSize;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.SymbolWidth = 40;   // long enough to tell dashed from dotted
        if (SansFont is not null) plot.Legend.FontName = SansFont;
    }

    /// <summary>Colour k of n for an ordered family (snapshots from T to t_min): viridis, dark to light-green.</summary>
    public static Color Ordered(int k, int n) =>
        new ScottPlot.Colormaps.Viridis().GetColor(n <= 1 ? 0 : 0.85 * k / (n - 1));

    /// <summary>Colour k of a family of unrelated curves.</summary>
    public static Color Categorical(int k) => new ScottPlot.Palettes.Category10().GetColor(k);

    /// <summary>A time or parameter value, short: 2, 0.05, 0.0123.</summary>
    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>
    /// Saves the panels as one PNG: a single panel as it is, several in <paramref name="rows"/> x
    /// <paramref name="columns"/> (a Multiplot built from exactly these plots).
    /// </summary>
    public static string Save(IReadOnlyList<Plot> panels, string file, int rows, int columns, int width, int height)
    {
        if (panels.Count == 1)
        {
            panels[0].SavePng(file, width, height);
            return file;
        }
        var multi = new Multiplot(panels[0]);
        foreach (var plot in panels.Skip(1)) multi.AddPlot(plot);
        multi.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        multi.SavePng(file, width, height);
        return file;
    }
}
