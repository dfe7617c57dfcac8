namespace ActorVoice.Engine.Speculation;

/// <summary>
/// What speculation did in one turn (definitions in docs/speculation.md). Every speculative job started ends as
/// exactly one of reused, cancelled or wasted, so <c>Started == Reused + Cancelled + Wasted</c> when a turn is reported.
/// </summary>
/// <param name="Started">Speculative jobs started on partial transcripts (the query on the final transcript is not counted).</param>
/// <param name="Cancelled">Jobs cancelled before they finished: superseded, over the in-flight limit, not needed by the final transcript, the turn cancelled, or the deadline passed.</param>
/// <param name="Reused">1 when the turn's result came from a speculative job (a hit), else 0.</param>
/// <param name="Wasted">Jobs that finished (with a result or an error) but whose result was not used.</param>
/// <param name="SavedMs">
/// For a reused job: the part of its query time that had passed when the final transcript arrived,
/// <c>min(readyAt, finalAt) − startedAt</c> (the wait a fresh query of the same duration would have cost after the final
/// transcript). 0 without reuse and always 0 under the <c>same-top-k</c> rule.
/// </param>
/// <param name="FreshQuery">True when the final transcript was queried afresh (to answer it, or to verify a reuse).</param>
/// <param name="Verified">1 when a reused result was checked against a fresh query on the final transcript (<c>speculation.verify</c>), else 0.</param>
/// <param name="Agreed">1 when that check found the same top documents (see docs/speculation.md), else 0; never more than <paramref name="Verified"/>.</param>
public sealed record SpeculationStats(int Started, int Cancelled, int Reused, int Wasted, double SavedMs, bool FreshQuery, int Verified = 0, int Agreed = 0)
{
    public static SpeculationStats None { get; } = new(0, 0, 0, 0, 0, false);
}
