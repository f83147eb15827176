using FokkerPlanckGrid.Validation;

namespace FokkerPlanckGrid.Tests.Validation;

public class ExpectationTests
{
    [Theory]
    [InlineData(0.04, true)]
    [InlineData(0.05, true)]
    [InlineData(0.06, false)]
    [InlineData(double.NaN, false)]
    public void Max_PassesAtOrBelowTheBound_AndNaNFails(double measured, bool passed) =>
        Assert.Equal(passed, new Expectation("m", "says", 0.05, null).Judge(measured, StudySize.Full).Passed);

    [Theory]
    [InlineData(0.3, false)]
    [InlineData(0.4, true)]
    [InlineData(0.7, false)]
    public void Interval_NeedsBothBounds(double measured, bool passed)
    {
        var r = new Expectation("m", "says", 0.6, 0.4).Judge(measured, StudySize.Full);
        Assert.Equal(passed, r.Passed);
        Assert.Equal("in [0.4, 0.6]", r.Expected);
    }

    [Fact]
    public void ToyBounds_ApplyAtToySizeOnly()
    {
        var e = new Expectation("m", "says", 0.05, null, ToyMax: 0.2);
        Assert.False(e.Judge(0.1, StudySize.Full).Passed);
        Assert.True(e.Judge(0.1, StudySize.Toy).Passed);
        Assert.Equal("<= 0.2", e.Judge(0.1, StudySize.Toy).Expected);
        Assert.Equal(">= 1e-12", new Expectation("m", "s", null, 1e-12).Judge(1, StudySize.Toy).Expected);
    }
}
