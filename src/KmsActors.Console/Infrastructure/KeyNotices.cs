using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace KmsActors.Console.Infrastructure;

/// <summary>What a key page says after a redirect (TempData, read once): that the key was created, that an action took
/// effect, or — honestly — that the key was created but its alias was refused (the key exists all the same).</summary>
public static class KeyNotices
{
    private const string SuccessKey = "kms.console.success";
    private const string WarningKey = "kms.console.warning";

    public static void Created(ITempDataDictionary data, string keyId) => data[SuccessKey] = $"Your key {keyId} was created.";

    public static void Success(ITempDataDictionary data, string message) => data[SuccessKey] = message;

    public static void AliasNotCreated(ITempDataDictionary data, string alias, KmsException refusal) =>
        data[WarningKey] = $"The key was created, but its alias {alias} was not: {refusal.ErrorCode}: {refusal.ErrorMessage ?? refusal.ErrorCode}";

    public static string? TakeSuccess(ITempDataDictionary data) => data[SuccessKey] as string;

    public static string? TakeWarning(ITempDataDictionary data) => data[WarningKey] as string;
}
