using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KmsActors.Console.Pages.Keys;

/// <summary>Tags tab (docs/console.md): the key's tags (ListResourceTags), a value changed or a tag added with
/// TagResource, a tag removed with UntagResource.</summary>
public sealed class TagsModel(ConsoleContext console) : KeyDetailPageModel(console)
{
    public IReadOnlyList<Tag> Tags { get; private set; } = [];

    [BindProperty] public string? TagKey { get; set; }

    [BindProperty] public string? TagValue { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct))
            await LoadTagsAsync(ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var result = await ActAsync(() => Console.Kms.TagResource(new TagResourceRequest { KeyId = KeyId, Tags = [new Tag { TagKey = TagKey ?? "", TagValue = TagValue ?? "" }] },
            Console.Caller, Console.Region, ct), $"The tag {TagKey} was saved.", "tags", ct);
        return await WithTagsAsync(result, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var result = await ActAsync(() => Console.Kms.UntagResource(new UntagResourceRequest { KeyId = KeyId, TagKeys = [TagKey ?? ""] },
            Console.Caller, Console.Region, ct), $"The tag {TagKey} was removed.", "tags", ct);
        return await WithTagsAsync(result, ct);
    }

    private async Task<IActionResult> WithTagsAsync(IActionResult result, CancellationToken ct)
    {
        if (result is PageResult && Key is not null)
            await LoadTagsAsync(ct);
        return result;
    }

    private async Task LoadTagsAsync(CancellationToken ct)
    {
        var tags = new List<Tag>();
        string? marker = null;
        var shown = Error;
        await Try(async () =>
        {
            do
            {
                var page = await Console.Kms.ListResourceTags(new ListResourceTagsRequest { KeyId = KeyId, Marker = marker }, Console.Caller, Console.Region, ct);
                tags.AddRange(page.Tags ?? []);
                marker = page.Truncated == true ? page.NextMarker : null;
            }
            while (marker is not null);
        });
        Error = shown ?? Error;
        Tags = tags;
    }
}
