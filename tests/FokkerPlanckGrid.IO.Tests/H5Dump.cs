using System.Diagnostics;

namespace FokkerPlanckGrid.IO.Tests;

/// <summary>The HDF Group's h5dump (Debian package hdf5-tools), the reference reader for the interop tests.</summary>
public static class H5Dump
{
    /// <summary>Full path of h5dump on PATH, or null when it is not installed.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Runs h5dump with <paramref name="args"/>; returns its exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var info = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("h5dump is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException("h5dump did not finish within 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "h5dump"))
            .FirstOrDefault(File.Exists);
    }
}
