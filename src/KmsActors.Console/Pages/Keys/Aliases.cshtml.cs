using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys;

/// <summary>Aliases tab (docs/console.md): the key's aliases (ListAliases with its key ID), CreateAlias and DeleteAlias.</summary>
public sealed class AliasesModel(ConsoleContext console) : KeyDetailPageModel(console)
{
    [BindProperty] public string? AliasName { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = ConsoleAliases.Qualified((AliasName ?? "").Trim());
        return ActAsync(() => Console.Kms.CreateAlias(new CreateAliasRequest { AliasName = name, TargetKeyId = KeyId }, Console.Caller, Console.Region, ct),
            $"The alias {name} was created.", "aliases", ct);
    }

    public Task<IActionResult> OnPostDeleteAsync(CancellationToken ct) =>
        ActAsync(() => Console.Kms.DeleteAlias(new DeleteAliasRequest { AliasName = AliasName ?? "" }, Console.Caller, Console.Region, ct),
            $"The alias {AliasName} was deleted.", "aliases", ct);
}
