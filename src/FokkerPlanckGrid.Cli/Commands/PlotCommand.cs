using System.CommandLine;
using FokkerPlanckGrid.Plotting;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>
/// `fpgrid plot FILE.h5 [--out DIR]`: PNG figures of a run file's fields and diagnostics, read from the file alone;
/// prints the path of every PNG written. DIR defaults to the file's folder + "/&lt;file name&gt;-plots".
/// </summary>
public static class PlotCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var fileArg = new Argument<string>("file") { Description = "run file (HDF5) written by fpgrid run, verify or sample" };
        var outOpt = new Option<string?>("--out") { Description = "folder for the PNGs (default: beside the file, <file name>-plots)" };
        var command = new Command("plot", "PNG figures of fields and diagnostics") { fileArg, outOpt };
        command.SetAction(parse => Execute(console, error, parse.GetValue(fileArg)!, parse.GetValue(outOpt)));
        return command;
    }

    public static int Execute(IAnsiConsole console, TextWriter error, string file, string? outDir)
    {
        IReadOnlyList<string> written;
        try
        {
            written = RunFigures.Write(file, outDir ?? RunFigures.DefaultOutputDirectory(file));
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.InputError;
        }
        foreach (var png in written) console.WriteLine(png);
        if (written.Count == 0) console.WriteLine($"{file}: nothing to plot (no snapshots or diagnostics)");
        return ExitCodes.Success;
    }
}
