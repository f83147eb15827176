using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.CaseFiles;

namespace FokkerPlanckGrid.IO.Tests.CaseFiles;

/// <summary>
/// Every kind of bad input, made from the valid default case (1D) or a valid 2D case by `--set` overrides, raises a
/// <see cref="CaseInputException"/> whose Key is the dotted key and whose message is one line starting with it.
/// </summary>
public class CaseFileValidationTests
{
    private const string Grid2D = "grid={\"box\": [[-5, 5], [-5, 5]], \"cells\": [16, 16]}";
    private const string Dirac2D = "data={\"kind\": \"dirac-mixture\", \"points\": [[-1, 0], [1, 0]]}";
    private const string Circle = "data={\"kind\": \"curve\", \"shape\": \"circle\"}";

    [Theory]
    // types
    [InlineData("eps", "eps=-1")]
    [InlineData("eps", "eps=\"small\"")]
    [InlineData("eps", "eps=[0.2]")]
    [InlineData("name", "name=3")]
    [InlineData("eps", "eps=1e400")]
    [InlineData("grid.box", "grid.box=[[-1e999,15]]")]
    [InlineData("time.T", "time.T=\"2\"")]
    [InlineData("output.path", "output.path=\"\"")]
    // unknown keys and unknown kinds
    [InlineData("nmae", "nmae=x")]
    [InlineData("time.tmin", "time.tmin=0.1")]
    [InlineData("data.variances", "data.variances=[1,1,1]")]
    [InlineData("data.kind", "data.kind=gausian")]
    [InlineData("score.kind", "score.kind=learned")]
    [InlineData("terminal.kind", "terminal.kind=prior")]
    // required blocks and keys
    [InlineData("data", "data=null")]
    [InlineData("grid", "grid=null")]
    [InlineData("time.tMin", "time.tMin=null")]
    [InlineData("data.points", "data.points=null")]
    // grid
    [InlineData("grid.cells", "grid.cells=[0]")]
    [InlineData("grid.cells", "grid.cells=[10.5]")]
    [InlineData("grid.cells", "grid.cells=[1024,1024]")]
    [InlineData("grid.box", "grid.box=[[5,-5]]")]
    [InlineData("grid.box", "grid.box=[[-15,15],[-15,15],[-15,15]]", "grid.cells=[8,8,8]")]
    [InlineData("grid.box", "grid.box=[[-3,3]]")]
    [InlineData("grid.box", Grid2D, "data={\"kind\": \"uniform-box\", \"box\": [[-6, 1], [0, 1]]}")]
    // data dimensions, weights, variances, covariances
    [InlineData("data.points", "data.points=[[0,1]]")]
    [InlineData("data.weights", "data.weights=[1,-1,1]")]
    [InlineData("data.weights", "data.weights=[1,2]")]
    [InlineData("data.variances", "data={\"kind\": \"gaussian-mixture\", \"means\": [[0]], \"variances\": [0]}")]
    [InlineData("data.variances", "data={\"kind\": \"gaussian-mixture\", \"means\": [[0]]}")]
    [InlineData("data.covariances", Grid2D, "data={\"kind\": \"gaussian-mixture\", \"means\": [[0, 0]], \"covariances\": [[[1, 2], [2, 1]]]}")]
    [InlineData("data.covariances", Grid2D, "data={\"kind\": \"gaussian-mixture\", \"means\": [[0, 0]], \"covariances\": [[[1, 0.1], [0, 1]]]}")]
    [InlineData("data.box", "data={\"kind\": \"uniform-box\", \"box\": [[1, 1]]}")]
    // time
    [InlineData("time.tMin", "time.tMin=0")]
    [InlineData("time.tMin", "time.tMin=3")]
    [InlineData("time.T", "time.T=-1")]
    [InlineData("time.steps", "time.steps=0")]
    [InlineData("time.courant", "time.courant=0")]
    [InlineData("time.spacing", "time.spacing=linear")]
    // forward process
    [InlineData("forward", "forward=vp")]
    [InlineData("forward", "forward=1")]
    // scheme, output, diagnostics
    [InlineData("scheme.transport", "scheme.transport=central")]
    [InlineData("scheme.splitting", "scheme.splitting=yes")]
    [InlineData("output.snapshots", "output.snapshots=1")]
    [InlineData("output.fields", "output.fields=[\"v\",\"w\"]")]
    [InlineData("output.fields", "output.fields=[\"v\",\"v\"]")]
    [InlineData("diagnostics.p", "diagnostics.p=[0.5]")]
    [InlineData("diagnostics.p", "diagnostics.p=[\"infinity\"]")]
    [InlineData("diagnostics.deltas", "diagnostics.deltas=[0]")]
    // scores and terminals
    [InlineData("score.lambda", "score={\"kind\": \"mixed\", \"lambda\": -1, \"first\": {\"kind\": \"uniform-box\", \"box\": [[-1, 1]]}, \"second\": {\"kind\": \"uniform-box\", \"box\": [[-2, 2]]}}")]
    [InlineData("score.second", "score={\"kind\": \"mixed\", \"lambda\": 1, \"first\": {\"kind\": \"uniform-box\", \"box\": [[-1, 1]]}}")]
    [InlineData("score.dataset", "score={\"kind\": \"grid-file\", \"file\": \"s.h5\"}")]
    [InlineData("terminal.file", "terminal={\"kind\": \"file\", \"dataset\": \"/v\"}")]
    [InlineData("terminal.variance", "terminal={\"kind\": \"gaussian\", \"variance\": 0}")]
    [InlineData("terminal.mean", "terminal={\"kind\": \"gaussian\", \"mean\": [0, 0]}")]
    // samples
    [InlineData("data.from", "data={\"kind\": \"samples\", \"count\": 10}")]
    [InlineData("data.dataset", "data={\"kind\": \"samples\", \"file\": \"x.h5\"}")]
    [InlineData("data.count", "data={\"kind\": \"samples\", \"from\": {\"kind\": \"uniform-box\", \"box\": [[-1, 1]]}, \"count\": 0}")]
    [InlineData("data.from.kind", "data={\"kind\": \"samples\", \"from\": {\"kind\": \"samples\", \"file\": \"x.h5\", \"dataset\": \"/x\"}}")]
    // curves
    [InlineData("data.kind", Circle)]
    [InlineData("data.shape", Grid2D, "data={\"kind\": \"curve\", \"shape\": \"square\"}")]
    [InlineData("data.nodes", Grid2D, "data={\"kind\": \"curve\", \"shape\": \"circle\", \"nodes\": 4}")]
    [InlineData("data.scale", Grid2D, "data={\"kind\": \"curve\", \"shape\": \"circle\", \"scale\": 0}")]
    [InlineData("grid.box", Grid2D, "data={\"kind\": \"curve\", \"shape\": \"circle\", \"scale\": 6}")]
    // particles
    [InlineData("particles.method", "particles.method=rk4")]
    [InlineData("particles.count", "particles.count=0")]
    [InlineData("particles.start", "particles.start=prior")]
    [InlineData("particles.start.points", Grid2D, Dirac2D, "particles.start={\"points\": [[0]]}")]
    [InlineData("particles.start.points", "particles.start={\"points\": []}")]
    [InlineData("particles.start.pts", "particles.start={\"pts\": [[0]]}")]
    [InlineData("particles.count", "particles.count=100000001")]
    [InlineData("particles.count", "particles.count=2.5")]
    [InlineData("particles.seed", "particles.seed=\"one\"")]
    [InlineData("particles.seed", "particles.seed=1e12")]
    [InlineData("particles.steps", "particles.steps=0")]
    [InlineData("particles.store", "particles.store=1")]
    [InlineData("particles.store", "particles.steps=10", "particles.store=12")]
    [InlineData("particles.stride", "particles.stride=2")]
    [InlineData("particles", "particles=[1]")]
    public void Parse_RejectsBadInput_NamingTheKeyOnOneLine(string key, params string[] overrides)
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse(CaseFile.DefaultJson, overrides));

        Assert.Equal(key, e.Key);
        Assert.StartsWith(key + " = ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
    }

    [Fact]
    public void Parse_RejectsAStoreBeyondTheSteps_SayingWhatIsAllowed()
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse(CaseFile.DefaultJson, ["particles.steps=10", "particles.store=12"]));

        Assert.Equal("particles.store = 12: must be an integer from 2 to particles.steps + 1 = 11", e.Message);
    }

    [Fact]
    public void Parse_RejectsNegativeEps_NamingTheKey()
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse(CaseFile.DefaultJson, ["eps=-1"]));

        Assert.Equal("eps = -1: must be a number >= 0", e.Message);
    }

    [Fact]
    public void Parse_RejectsZeroCells_WithTheSpecMessage()
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse(CaseFile.DefaultJson, ["grid.cells=[0]"]));

        Assert.StartsWith("grid.cells = [0]: each cell count must be an integer >= 2", e.Message);
    }

    [Fact]
    public void Parse_RejectsAMisspelledDataKind_ListingTheKinds()
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse(CaseFile.DefaultJson, ["data.kind=gausian"]));

        Assert.Equal(
            "data.kind = \"gausian\": allowed: dirac-mixture, gaussian-mixture, uniform-box, curve, samples",
            e.Message);
    }

    [Fact]
    public void Parse_RejectsABoxMissingTheSupport_NamingTheSupport()
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse(CaseFile.DefaultJson, ["grid.box=[[-3,3]]"]));

        Assert.Equal("grid.box = [[-3,3]]: must contain the data's support [[-5, 5]]", e.Message);
    }

    [Fact]
    public void Parse_AcceptsSplittingIn1D() =>
        Assert.Equal(SplittingKind.Strang, CaseFile.Parse(CaseFile.DefaultJson, ["scheme.splitting=strang"]).Case.Scheme.Splitting);

    [Fact]
    public void Parse_AcceptsAValid2DCurveCase()
    {
        var (c, notes) = CaseFile.Parse(CaseFile.DefaultJson, [Grid2D, "data={\"kind\": \"curve\", \"shape\": \"lemniscate\", \"scale\": 2}"]);

        Assert.Equal(new CurveSpec("lemniscate", 2, 512, ((CurveSpec)c.Data).Center), c.Data);
        Assert.Empty(notes);
    }
}
