namespace FokkerPlanckGrid.IO.Tests;

/// <summary>A fact that is skipped, with the reason, when h5dump is not on PATH (CI installs hdf5-tools).</summary>
public sealed class H5DumpFactAttribute : FactAttribute
{
    public H5DumpFactAttribute()
    {
        if (H5Dump.Executable is null)
            Skip = "h5dump is not on PATH: install it with `apt-get install -y hdf5-tools` to run the interop tests";
    }
}
