using System.Text;
using System.Text.RegularExpressions;
using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// The region's part of grants (docs/grants.md): routing RetireGrant by its grant token, and ListRetirableGrants, answered
// from the region's own durable index of grants that name a retiring principal (no key actor is woken to list).
public sealed partial class RegionActor
{
    private const string RetirableMarkerList = "retirable";

    /// <summary>A key's grants with a retiring principal changed: index the change. The key actor's reply to the call follows
    /// as <see cref="ReplyWhenIndexed"/> and is told once these entries are durable.</summary>
    private void OnRetirableGrantsChanged(RetirableGrantsChanged change)
    {
        if (!IsKnownKey(change.KeyId))
            return;
        if (change.All is { } all)
        {
            var indexed = _index.RetirableGrants.Of(change.KeyId);
            var missing = all.Where(g => indexed.All(i => i.GrantId != g.GrantId)).ToList();
            var stale = indexed.Where(i => all.All(g => g.GrantId != i.GrantId)).Select(i => i.GrantId).ToList();
            foreach (var grant in missing)
                IndexKey(new RetirableGrantIndexed(change.KeyId, grant));
            foreach (var grantId in stale)
                IndexKey(new RetirableGrantUnindexed(change.KeyId, grantId));
            return;
        }
        foreach (var grant in change.Added)
            IndexKey(new RetirableGrantIndexed(change.KeyId, grant));
        foreach (var grantId in change.Removed)
            IndexKey(new RetirableGrantUnindexed(change.KeyId, grantId));
    }

    /// <summary>RetireGrant's key: its KeyId (key ID or key ARN), else the key its grant token was issued for.</summary>
    private string RetireGrantTarget(RetireGrantRequest request)
    {
        if (request.KeyId is not null)
            return ResolveKeyId(request.KeyId, KmsCatalogue.KeyIdFormsOf("RetireGrant", "KeyId"));
        if (request.GrantToken is null)
            throw KmsException.Validation("Either GrantToken, or both KeyId and GrantId, must be specified.");
        if (!GrantToken.TryRead(request.GrantToken, out var keyArn, out _))
            throw new KmsException(KmsErrorCodes.InvalidGrantTokenException, "Invalid grant token.");
        return ResolveKeyId(keyArn, KmsCatalogue.KeyIdFormsOf("RetireGrant", "KeyId"));
    }

    /// <summary>ListRetirableGrants: the grants of this region's keys whose retiring principal is the one given, in key ID
    /// then creation order. Limit 1–100 (default 50); the marker names the last grant returned.</summary>
    private void ListRetirableGrants(KmsCommand command, ListRetirableGrantsRequest request, IActorRef replyTo)
    {
        var principal = request.RetiringPrincipal!;
        if (!PrincipalInfo.TryFromArn(principal, out _))
            throw new KmsException(KmsErrorCodes.InvalidArnException, $"ARN {principal} is not a valid principal.");
        var limit = KeyRules.PageSize("ListRetirableGrants", request.Limit);
        var after = ReadRetirableMarker(request.Marker);
        var all = _index.RetirableGrants.Retirable(principal).ToList();
        // Past the marker's grant; if it has gone meanwhile, past its key.
        var first = after is not { } marker ? 0
            : all.FindIndex(e => e.KeyId == marker.KeyId && e.Grant.GrantId == marker.GrantId) is >= 0 and var at ? at + 1
            : all.FindIndex(e => string.CompareOrdinal(e.KeyId, marker.KeyId) > 0) is >= 0 and var next ? next : all.Count;
        var page = all.Skip(first).Take(limit).ToList();
        var truncated = first + page.Count < all.Count;
        Reply(command, replyTo, new ListGrantsResponse
        {
            Grants = [.. page.Select(e => e.Grant.ToListEntry(KeyArn(e.KeyId)))],
            Truncated = truncated,
            NextMarker = truncated ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RetirableMarkerList}:{page[^1].KeyId}/{page[^1].Grant.GrantId}")) : null,
        }, []);
    }

    private static (string KeyId, string GrantId)? ReadRetirableMarker(string? marker)
    {
        if (marker is null)
            return null;
        var buffer = new byte[marker.Length];
        if (Convert.TryFromBase64String(marker, buffer, out var length))
        {
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            var slash = text.LastIndexOf('/');
            if (text.StartsWith(RetirableMarkerList + ":", StringComparison.Ordinal) && slash > RetirableMarkerList.Length + 1)
                return (text[(RetirableMarkerList.Length + 1)..slash], text[(slash + 1)..]);
        }
        throw new KmsException(KmsErrorCodes.InvalidMarkerException, $"Marker '{marker}' is not valid: pass the NextMarker of the previous ListRetirableGrants response.");
    }
}
