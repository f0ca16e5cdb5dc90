namespace KmsActors.Kms.Model;

/// <summary>
/// What KmsActors decides about one operation of the AWS model: one row of the hand-written table in
/// Model/KmsCatalogue.Facts.cs, which has a row for every operation of the generated catalogue (docs/catalogue.md;
/// CatalogueCoverageTests fails when one is missing). Every place that treats operations differently reads it.
/// </summary>
/// <param name="Name">The operation, as the model names it.</param>
/// <param name="Handler">Which actor answers it.</param>
/// <param name="ReadOnly">CloudTrail's readOnly: Describe*, List*, Get* and the cryptographic operations (docs/audit.md).</param>
/// <param name="Quota">The request quota a call is charged to (docs/limits.md).</param>
public sealed record OperationFacts(string Name, OperationHandler Handler, bool ReadOnly, QuotaClass Quota)
{
    /// <summary>It has a row in the key-state table (KeyRules, docs/key-states.md); an operation without one names no
    /// key, answers from the region's index, or is not implemented.</summary>
    public bool StateRow { get; init; }

    /// <summary>KeyRules.Decide decides it (state, events, response) and the key persists what it decided.</summary>
    public bool DecidedByRules { get; init; }

    /// <summary>A cryptographic operation: it only reads the key, so the key actor answers it on its direct path
    /// without Akka.Persistence's command pipeline (Keys/KeyActor.DirectPath.cs).</summary>
    public bool NeverPersists { get; init; }

    /// <summary>The key actor answers it on its direct path, beside Akka.Persistence's command pipeline: every
    /// <see cref="NeverPersists"/> operation, and reads that KeyRules decide without ever persisting (DescribeKey).</summary>
    public bool AnsweredDirectly { get => _answeredDirectly || NeverPersists; init => _answeredDirectly = value; }

    private readonly bool _answeredDirectly;

    /// <summary>The key usage a cryptographic operation needs (null for GetPublicKey, which any asymmetric key answers,
    /// and for every other operation).</summary>
    public KeyUsageType? Usage { get; init; }

    /// <summary>The region answers it through Akka.Persistence's pipeline: alias writes persist, ListKeys and ListAliases
    /// wait for earlier index writes to be durable (Regions/RegionActor.cs).</summary>
    public bool RegionPipeline { get; init; }

    /// <summary>It names no key: the caller's identity policies alone authorize it (docs/access-control.md).</summary>
    public bool Keyless { get; init; }
}
