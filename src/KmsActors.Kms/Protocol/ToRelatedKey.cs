namespace KmsActors.Kms.Protocol;

/// <summary>
/// A multi-Region key's message to a related key in another region of the same account (UpdatePrimaryRegion, the
/// primary's material reaching its replicas: docs/multi-region-keys.md). It goes up from the key actor through its region to the engine, which hands it to the
/// region of <paramref name="KeyArn"/>; that region delivers <paramref name="Message"/> to the key, starting it if it is
/// passivated. A key the region does not know gets nothing (a refusal for <c>PromoteReplica</c>).
/// </summary>
public sealed record ToRelatedKey(string KeyArn, object Message);
