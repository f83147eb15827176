using System.Diagnostics;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// `fpgrid` with stdout redirected to a file or pipe (CI logs, `fpgrid bench &gt; bench.txt`): the summary tables are
/// laid out at 200 columns (or COLUMNS), not Spectre's default of 80 that wraps every wide cell over several lines,
/// and carry no ANSI escape codes. The process tests run the real `Program.Main` (fpgrid.dll) in a child process.
/// </summary>
public class RedirectedOutputTests
{
    private static readonly string[] Tiny = ["--set", "grid.cells=[64]", "--set", "time.steps=20"];

    [Fact]
    public void Run_WithStdoutRedirected_PrintsTheSummaryUnwrapped_WithoutEscapeCodes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a-file-name-long-enough-that-eighty-columns-would-wrap-it.h5");

        var (code, stdout, stderr) = Fpgrid(null, ["run", "--out", path, .. Tiny]);

        Assert.True(code == 0, stderr + stdout);
        var lines = stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains("│ file") && l.Contains(path));
        Assert.DoesNotContain('\u001b', stdout);
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= Program.RedirectedWidth, $"line wider than {Program.RedirectedWidth}: {l}"));
    }

    [Fact]
    public void Run_WithStdoutRedirected_HonoursColumns()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a-file-name-long-enough-that-eighty-columns-would-wrap-it.h5");

        var (code, stdout, stderr) = Fpgrid("60", ["run", "--out", path, .. Tiny]);

        Assert.True(code == 0, stderr + stdout);
        Assert.All(stdout.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= 60, $"line wider than 60: {l}"));
        Assert.DoesNotContain(stdout.Split('\n'), l => l.Contains(path));   // 60 columns cannot hold it on one line
    }

    [Theory]
    [InlineData(true, null, 200)]
    [InlineData(true, "132", 132)]
    [InlineData(true, "wide", 200)]
    [InlineData(true, "0", 200)]
    [InlineData(false, "150", 150)]
    public void StandardConsole_Width_IsColumns_Else200WhenRedirected(bool redirected, string? columns, int width)
    {
        var console = Program.StandardConsole(new StringWriter(), redirected, columns);
        Assert.Equal(width, console.Profile.Width);
        if (redirected) Assert.False(console.Profile.Capabilities.Ansi);
    }

    [Fact]
    public void StandardConsole_Redirected_LaysOutTheBenchNamesOnOneLine()
    {
        var output = new StringWriter();
        var console = Program.StandardConsole(output, redirected: true, columns: null);
        var table = new Table();
        foreach (var c in new[] { "name", "cells", "threads", "K", "steps", "ms/step best", "median", "Mcells*steps/s best", "median", "bytes/step" })
            table.AddColumn(c);
        table.AddRow("2d-split-step", "1024x1024", "2", "2", "20", "14.850", "15.171", "70.6", "69.1", "0");
        console.Write(table);
        Assert.Contains(output.ToString().Split('\n'), l => l.Contains("2d-split-step") && l.Contains("1024x1024"));
    }

    /// <summary>Runs fpgrid.dll in a child process with stdout and stderr redirected; COLUMNS set or removed.</summary>
    private static (int Code, string Stdout, string Stderr) Fpgrid(string? columns, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        if (columns is null) info.Environment.Remove("COLUMNS");
        else info.Environment["COLUMNS"] = columns;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill();
            throw new TimeoutException("fpgrid did not finish within 120 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
