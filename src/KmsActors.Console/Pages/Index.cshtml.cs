using KmsActors.Console.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KmsActors.Console.Pages;

/// <summary>The console opens on the customer managed keys of the region in the address, as AWS's does.</summary>
public sealed class IndexModel(ConsoleContext console) : PageModel
{
    public IActionResult OnGet() => Redirect(console.Link("/console/keys"));
}
