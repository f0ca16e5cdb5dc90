namespace KmsActors.Kms.Audit;

// Cluster mode (docs/cluster.md): which node handled a call. CloudTrail has no member for the host inside the service
// that answered; additionalEventData is the record's service-specific part (KMS puts keyMaterialId there), so the
// node goes there too, as kmsActorsNode, and only in cluster mode: single-process records stay exactly as before, and
// carry no field for it (the map is built at once in cluster mode instead of on first read).
public sealed partial record AuditRecord
{
    /// <param name="node">The address of the node the call entered (KmsCommand.Node); null in single-process mode.</param>
    private void AddNode(string? node)
    {
        if (node is null)
            return;
        var data = CloudTrailShapes.AdditionalEventData(_materialId, _secondMaterialId, _reEncrypt);
        var map = data is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(data, StringComparer.Ordinal);
        map["kmsActorsNode"] = node;
        _additionalEventData = map;
    }
}
