import type { Page } from '@playwright/test';

/**
 * What Android's share sheet does with the installed app: a navigation that POSTs multipart form
 * data to the manifest's share_target `action`, with a bundle file (the `bundle` field) and, if
 * given, a text (the `text` field, where a messenger puts a link).
 */
export async function shareThroughSheet(page: Page, action: string, shared: { file: string; text?: string }): Promise<void> {
  await page.evaluate(
    ({ action, file, text }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.enctype = 'multipart/form-data';
      form.action = action;
      const input = document.createElement('input');
      input.type = 'file';
      input.name = 'bundle';
      const data = new DataTransfer();
      data.items.add(new File([file], 'shared.html', { type: 'text/html' }));
      input.files = data.files;
      form.append(input);
      if (text !== undefined) {
        const field = document.createElement('input');
        field.name = 'text';
        field.value = text;
        form.append(field);
      }
      document.body.append(form);
      form.submit();
    },
    { action, file: shared.file, text: shared.text },
  );
}
