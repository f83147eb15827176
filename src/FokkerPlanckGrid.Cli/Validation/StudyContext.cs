using FokkerPlanckGrid.Plotting.Panels;
using FokkerPlanckGrid.Validation;

namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// What a running study may use: its size, the worker threads, the report folder (figures are written there as
/// &lt;study&gt;-&lt;name&gt;.png) and a line of progress for the console.
/// </summary>
public sealed class StudyContext(StudySize size, string outputDirectory, string stem, int threads, Action<string> progress,
    CancellationToken cancel = default)
{
    public StudySize Size { get; } = size;
    public string OutputDirectory { get; } = outputDirectory;

    /// <summary>The study file's name without extension: the prefix of its figures.</summary>
    public string Stem { get; } = stem;

    public int Threads { get; } = threads;
    public CancellationToken Cancel { get; } = cancel;

    /// <summary>Reports what the study is doing now (a progress line).</summary>
    public void Progress(string message) => progress(message);

    /// <summary>Draws <paramref name="panels"/> to &lt;stem&gt;-&lt;name&gt;.png in the report folder; returns the file name.</summary>
    public string Figure(string name, IReadOnlyList<Panel> panels, int columns = 1, int? width = null, int? height = null)
    {
        string file = $"{Stem}-{name}.png";
        PanelFigure.Save(panels, Path.Combine(OutputDirectory, file), columns, width, height);
        return file;
    }
}
