using System.Text.Json;
using FokkerPlanckGrid.IO;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>What one in-process `fpgrid` invocation produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Non-empty lines written to the error stream.</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs <see cref="Program.Run"/> with a recording, non-interactive, wide console.</summary>
public static class Cli
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        // wide enough that a temp-directory path in the summary table is not wrapped
        console.Profile.Width = 400;
        int code = Program.Run(args, console, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A fresh directory under the system temp folder, deleted with its contents on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(),
            "fpgrid-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file under the directory, relative names, sorted.</summary>
    public string[] Files() => Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
        .Select(f => System.IO.Path.GetRelativePath(Path, f)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Assertions on run files written by `fpgrid run`.</summary>
public static class RunFileAssert
{
    public static void NoTemporaries(string outPath)
    {
        Assert.False(File.Exists(outPath + ".tmp"), $"{outPath}.tmp was left behind");
        Assert.False(File.Exists(outPath + ".part"), $"{outPath}.part was left behind");
    }

    public static void NothingWritten(string outPath)
    {
        Assert.False(File.Exists(outPath), $"{outPath} was written");
        NoTemporaries(outPath);
    }

    /// <summary>max |mass_n - mass_0| / mass_0 over the recorded levels.</summary>
    public static double RelativeMassDrift(string file)
    {
        var mass = Hdf5Reader.ReadDoubles(file, Hdf5Layout.DiagnosticsMass).Data;
        return mass.Max(m => Math.Abs(m - mass[0])) / mass[0];
    }

    public static string Status(string file) => Hdf5Reader.ReadAttributeString(file, "/", Hdf5Layout.AttrStatus);
}

/// <summary>Files of the repository (found by walking up from the test assembly to the folder holding them).</summary>
public static class Repo
{
    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }
}

/// <summary>The JSON report of `fpgrid verify`.</summary>
public static class VerifyReport
{
    /// <summary>The entry of check <paramref name="name"/> in the report's "checks".</summary>
    public static JsonElement Check(JsonDocument report, string name) =>
        report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
