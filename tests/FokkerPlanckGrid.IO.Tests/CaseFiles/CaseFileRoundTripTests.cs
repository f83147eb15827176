using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.CaseFiles;

namespace FokkerPlanckGrid.IO.Tests.CaseFiles;

/// <summary>
/// Parse(ToJson(c)) == c. Records holding arrays compare by reference, so equality is checked through the canonical
/// text: ToJson is injective on what it writes, and each test also spot-checks values of the re-parsed case.
/// </summary>
public class CaseFileRoundTripTests
{
    private static Case RoundTrip(Case c, out string json)
    {
        json = CaseFile.ToJson(c);
        var again = CaseFile.Parse(json, [], "(round trip)");
        Assert.DoesNotContain(again.Notes, n => n.Contains("normalised"));
        Assert.Equal(json, CaseFile.ToJson(again.Case));
        return again.Case;
    }

    [Fact]
    public void DefaultCase_RoundTripsThroughToJson()
    {
        var c = CaseFile.Default;

        var again = RoundTrip(c, out var json);

        Assert.Equal(c.Time, again.Time);
        Assert.Equal(c.Scheme, again.Scheme);
        Assert.Equal(((DiracMixtureSpec)c.Data).Weights, ((DiracMixtureSpec)again.Data).Weights);
        Assert.Contains("\"tMin\": 0.05", json);
        Assert.Contains("\"p\": [1,2,4,\"inf\"]", json);
        Assert.Contains("\"kind\": \"dirac-mixture\"", json);
        Assert.Contains("\"splitting\": \"lie\"", json);
    }

    [Fact]
    public void Rich2DCase_RoundTripsThroughToJson()
    {
        var c = CaseFile.Parse(CaseFileParseTests.Minimal,
        [
            "name=rich",
            "grid={\"box\": [[-5, 5], [-4, 4]], \"cells\": [16, 32]}",
            "data={\"kind\": \"curve\", \"shape\": \"lemniscate\", \"scale\": 2, \"center\": [0.5, 0]}",
            "score={\"kind\": \"mixed\", \"lambda\": 1.5, \"first\": {\"kind\": \"uniform-box\", \"box\": [[-1, 1], [-1, 1]]},"
            + " \"second\": {\"kind\": \"samples\", \"from\": {\"kind\": \"gaussian-mixture\", \"means\": [[0, 0]], \"variances\": [0.3]}, \"count\": 50}}",
            "terminal={\"kind\": \"gaussian\", \"mean\": [0.1, -0.2], \"variance\": 3}",
            "time={\"T\": 1, \"tMin\": 0.02, \"spacing\": \"adaptive\", \"courant\": 0.8}",
            "eps=0.2",
            "scheme={\"transport\": \"scharfetter-gummel\", \"splitting\": \"none\"}",
            "output={\"snapshots\": 3, \"fields\": [\"v\"]}",
            "diagnostics={\"p\": [1.5, \"inf\"], \"deltas\": [0.1]}",
            "particles={\"count\": 5, \"seed\": 9, \"start\": {\"points\": [[0, 1]]}, \"method\": \"euler-maruyama\", \"steps\": 10, \"store\": 4}",
        ]).Case;

        var again = RoundTrip(c, out _);

        Assert.Equal(c.Time, again.Time);
        Assert.Equal(c.Scheme, again.Scheme);
        var curve = Assert.IsType<CurveSpec>(again.Data);
        Assert.Equal(("lemniscate", 2.0, 512), (curve.Shape, curve.Scale, curve.Nodes));
        Assert.Equal([0.5, 0.0], curve.Center);
        Assert.Equal([1.5, double.PositiveInfinity], again.Diagnostics.P);
    }

    [Fact]
    public void FileBackedKinds_RoundTripThroughToJson()
    {
        var c = CaseFile.Parse(CaseFileParseTests.Minimal,
        [
            "data={\"kind\": \"samples\", \"file\": \"pts.h5\", \"dataset\": \"/x\"}",
            "score={\"kind\": \"grid-file\", \"file\": \"s.h5\", \"dataset\": \"/score\"}",
            "terminal={\"kind\": \"file\", \"file\": \"v.h5\", \"dataset\": \"/v\"}",
        ]).Case;

        var again = RoundTrip(c, out _);

        Assert.Equal(c.Score, again.Score);
        Assert.Equal(c.Terminal, again.Terminal);
        Assert.Equal(c.Data, again.Data);
    }
}
