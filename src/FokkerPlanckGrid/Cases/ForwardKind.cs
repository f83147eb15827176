namespace FokkerPlanckGrid.Cases;

/// <summary>The forward (noising) process whose backward equation a case solves (top-level key `forward`).</summary>
public enum ForwardKind
{
    /// <summary>`heat`: du/dt = Lap u (Liu &amp; Zuazua), the default.</summary>
    Heat,

    /// <summary>`ou`: the Ornstein-Uhlenbeck (variance-preserving) process dw/dtau = Lap w + div(x w).</summary>
    OrnsteinUhlenbeck,
}
