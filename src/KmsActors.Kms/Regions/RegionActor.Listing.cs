using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// ListKeys, ListAliases (Limit and its default from each one's API reference: docs/limits.md; Marker paging) and GenerateRandom.
public sealed partial class RegionActor
{

    /// <summary>Keys in key ID order (stable across pages), deleted keys excluded. Answered once every index entry it
    /// shows is durable (entries are applied before their write completes, see IndexKey).</summary>
    private void ListKeys(KmsCommand command, ListKeysRequest request, IActorRef replyTo)
    {
        var limit = Keys.KeyRules.PageSize("ListKeys", request.Limit);
        var ids = _index.KeyOrder.After(ReadMarker(request.Marker, "keys"), limit, out var truncated);
        var entries = new KeyListEntry[ids.Count];
        for (var i = 0; i < ids.Count; i++)
            entries[i] = new KeyListEntry { KeyId = ids[i], KeyArn = KeyArn(ids[i]) };
        var response = new ListKeysResponse
        {
            Keys = entries,
            Truncated = truncated,
            NextMarker = truncated ? WriteMarker("keys", entries[^1].KeyId!) : null,
        };
        AnswerWhenDurable(response, replyTo, listed => Reply(command, replyTo, listed, []));
    }

    /// <summary>Aliases in name order; with KeyId (key ID or key ARN) only those pointing at that key.</summary>
    private void ListAliases(KmsCommand command, ListAliasesRequest request, IActorRef replyTo)
    {
        var limit = Keys.KeyRules.PageSize("ListAliases", request.Limit);
        var keyId = request.KeyId is null ? null : ResolveKeyId(request.KeyId, KmsCatalogue.KeyIdFormsOf("ListAliases", "KeyId"));
        var names = _index.Aliases.Keys;
        var entries = new List<AliasListEntry>(Math.Min(limit, names.Count));
        var truncated = false;
        for (var i = RegionIndex.FirstAfter(names, ReadMarker(request.Marker, "aliases")); i < names.Count; i++)
        {
            var alias = _index.Aliases.Values[i];
            if (keyId is not null && alias.TargetKeyId != keyId)
                continue;
            if (entries.Count == limit)
            {
                truncated = true;
                break;
            }
            entries.Add(new AliasListEntry
            {
                AliasName = alias.AliasName,
                AliasArn = AliasArn(alias.AliasName),
                TargetKeyId = alias.TargetKeyId,
                CreationDate = alias.CreationDate,
                LastUpdatedDate = alias.LastUpdatedDate,
            });
        }
        var response = new ListAliasesResponse
        {
            Aliases = entries,
            Truncated = truncated,
            NextMarker = truncated ? WriteMarker("aliases", entries[^1].AliasName!) : null,
        };
        // A key's deletion removes its aliases before its KeyUnindexed is durable: answer after it is.
        AnswerWhenDurable(response, replyTo, listed => Reply(command, replyTo, listed, keyId is null ? [] : [KeyArn(keyId)]));
    }

    /// <summary>GenerateRandom: NumberOfBytes random bytes.</summary>
    private void GenerateRandom(KmsCommand command, GenerateRandomRequest request, IActorRef replyTo)
    {
        // The model's 1–1024 is checked with every request; AWS also wants the member itself.
        var count = request.NumberOfBytes ?? throw KmsException.Validation("NumberOfBytes is required.");
        if (request.CustomKeyStoreId is not null)
            throw new KmsException(KmsErrorCodes.CustomKeyStoreNotFoundException, $"Custom key store {request.CustomKeyStoreId} does not exist: KmsActors has no custom key stores.");
        if (request.Recipient is not null)
            throw KmsException.Unsupported("Recipient (Nitro Enclaves attestation) is not supported by KmsActors.");
        Reply(command, replyTo, new GenerateRandomResponse { Plaintext = RandomNumberGenerator.GetBytes(count) }, []);
    }

    /// <summary>Markers are opaque to callers: base64 of "&lt;list&gt;:&lt;last name returned&gt;", so paging survives deletions.</summary>
    private static string WriteMarker(string list, string last) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{list}:{last}"));

    private static string? ReadMarker(string? marker, string list)
    {
        if (marker is null)
            return null;
        var buffer = new byte[marker.Length];
        if (Convert.TryFromBase64String(marker, buffer, out var length))
        {
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            if (text.Length > list.Length + 1 && text.StartsWith(list + ":", StringComparison.Ordinal))
                return text[(list.Length + 1)..];
        }
        throw new KmsException(KmsErrorCodes.InvalidMarkerException, $"Marker '{marker}' is not valid: pass the NextMarker of the previous {(list == "keys" ? "ListKeys" : "ListAliases")} response.");
    }
}
