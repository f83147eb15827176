using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.CaseFiles;

namespace FokkerPlanckGrid.IO.Tests.CaseFiles;

public class CaseFileOverrideTests
{
    private static Case Parse(params string[] overrides) => CaseFile.Parse(CaseFile.DefaultJson, overrides).Case;

    [Fact]
    public void Set_TopLevelNumber() => Assert.Equal(1.0, Parse("eps=1").Eps);

    [Fact]
    public void Set_ArrayValue() => Assert.Equal([2048], Parse("grid.cells=[2048]").Grid.Cells);

    [Fact]
    public void Set_NestedNumber() => Assert.Equal(3.0, Parse("time.T=3").Time.T);

    [Fact]
    public void Set_ArrayOfWeights_ReplacesTheWholeArray()
    {
        var c = Parse("data.points=[[-1],[1]]", "data.weights=[1,3]");

        Assert.Equal([0.25, 0.75], Assert.IsType<DiracMixtureSpec>(c.Data).Weights);
    }

    [Fact]
    public void Set_UnquotedString_IsTakenAsAString()
    {
        var c = Parse("scheme.transport=scharfetter-gummel", "output.path=out.h5");

        Assert.Equal(TransportKind.ScharfetterGummel, c.Scheme.Transport);
        Assert.Equal("out.h5", c.Output.Path);
    }

    [Fact]
    public void Set_QuotedJsonString_IsAlsoAString() => Assert.Equal("a b", Parse("name=\"a b\"").Name);

    [Fact]
    public void Set_WholeObject_ReplacesTheBlock()
    {
        var c = Parse("terminal={\"kind\": \"gaussian\", \"mean\": [0], \"variance\": 4}");

        Assert.Equal(4.0, Assert.IsType<GaussianTerminalSpec>(c.Terminal).Variance);
    }

    [Fact]
    public void Set_CreatesMissingIntermediateObjects()
    {
        var c = Parse("particles.count=7");

        Assert.Equal(7, c.Particles!.Count);
        Assert.Equal("exact-mean-shift", c.Particles.Method);
    }

    [Fact]
    public void Set_Null_RemovesTheKey_SoItsDefaultApplies() =>
        Assert.Equal("output/three-diracs-1d.h5", Parse("output.path=out.h5", "output.path=null").Output.Path);

    [Fact]
    public void Set_LaterOverridesWin() => Assert.Equal(0.5, Parse("eps=1", "eps=0.5").Eps);

    [Fact]
    public void Set_ValueMayContainEqualsSigns() => Assert.Equal("a=b.h5", Parse("output.path=a=b.h5").Output.Path);

    [Fact]
    public void Set_ATypoInTheKey_IsAnUnknownKeyError()
    {
        var e = Assert.Throws<CaseInputException>(() => Parse("time.tmin=0.1"));

        Assert.Equal("time.tmin", e.Key);
        Assert.Contains("unknown key; allowed: T, tMin, steps, spacing, courant", e.Message);
    }

    [Theory]
    [InlineData("eps")]
    [InlineData("=1")]
    [InlineData("grid..cells=[4]")]
    [InlineData(".eps=1")]
    public void Set_MalformedOverride_IsAnInputErrorNamingIt(string bad)
    {
        var e = Assert.Throws<CaseInputException>(() => Parse(bad));

        Assert.Equal("--set", e.Key);
        Assert.Contains(bad, e.Message);
    }

    [Fact]
    public void Set_ThroughANonObject_NamesThePrefix()
    {
        var e = Assert.Throws<CaseInputException>(() => Parse("eps.x=1"));

        Assert.Equal("eps", e.Key);
    }
}
