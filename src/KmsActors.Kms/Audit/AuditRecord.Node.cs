namespace KmsActors.Kms.Audit;

// Cluster mode (docs/cluster.md): which node handled a call. CloudTrail has no member for the host inside the service
// that answered; additionalEventData is the record's service-specific part (KMS puts keyMaterialId there), so the
// node goes there too, as kmsActorsNode, and only in cluster mode: single-process records stay exactly as before.
public sealed partial record AuditRecord
{
    /// <summary>The address of the node the call entered (KmsCommand.Node); null in single-process mode.</summary>
    private string? _node;

    private IReadOnlyDictionary<string, object?>? WithNode(IReadOnlyDictionary<string, object?>? data)
    {
        if (_node is null)
            return data;
        var map = data is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(data, StringComparer.Ordinal);
        map["kmsActorsNode"] = _node;
        return map;
    }
}
