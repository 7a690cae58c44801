'use strict';
// The quote form: speaker typed or picked (a new name adds a speaker), roles of that speaker only,
// and a source section that finds a recorded source by its URL or reveals the fields for a new one.
{
    const $ = django.jQuery;

    function autocompleteData(element, extra) {
        return (params) => ({
            term: params.term,
            page: params.page,
            app_label: element.dataset.appLabel,
            model_name: element.dataset.modelName,
            field_name: element.dataset.fieldName,
            ...extra(),
        });
    }

    // select2 names its box by the chosen value only; name it by the field's label too.
    function labelSelect2(select) {
        const label = document.querySelector(`label[for="${select.id}"]`);
        const container = select.nextElementSibling;
        if (!label || !container || !container.classList.contains('select2')) return;
        label.id = label.id || `${select.id}-label`;
        const box = container.querySelector('.select2-selection');
        if (!box) return;
        const rendered = box.querySelector('.select2-selection__rendered');
        box.setAttribute('aria-labelledby', rendered && rendered.id ? `${label.id} ${rendered.id}` : label.id);
        if (rendered && rendered.getAttribute('role') === 'textbox') rendered.setAttribute('aria-labelledby', label.id);
        const search = box.querySelector('.select2-search__field');
        if (search) search.setAttribute('aria-label', label.textContent.replace(/:$/, ''));
        $(select).off('select2:open.label').on('select2:open.label', () => {
            const field = document.querySelector('.select2-container--open .select2-search__field');
            if (field) field.setAttribute('aria-label', `Search ${label.textContent.replace(/:$/, '')}`);
        });
    }

    function startPickers() {
        // One speaker picker on the quote form; one per proposed quote on the import review.
        const speakers = document.querySelectorAll('select.quote-speaker-autocomplete');
        const speaker = speakers[0];
        const role = document.querySelector('select.quote-role-autocomplete');
        for (const select of speakers) {
            $(select).select2({
                ajax: {data: autocompleteData(select, () => ({}))},
                tags: true,
                // A typed name is offered as a new speaker only when no recorded name contains it,
                // so a hurried Enter never adds a second Nikolai Patrushev.
                insertTag: (data, tag) => {
                    const term = tag.id.toLowerCase();
                    if (!data.some((option) => (option.text || '').toLowerCase().includes(term))) data.push(tag);
                },
                createTag: (params) => {
                    const term = params.term.trim();
                    return term ? {id: term, text: `${term} (new speaker)`} : null;
                },
            });
        }
        // On the import review, say beside each quote whether its speaker is now a recorded or a new one.
        for (const select of speakers) {
            const state = select.closest('.candidate')?.querySelector('.speaker-state-text');
            if (!state) continue;
            $(select).on('change', () => {
                const chosen = $(select).select2('data')[0];
                if (!chosen || !chosen.id) {
                    state.textContent = 'No speaker chosen.';
                } else if (/^\d+$/.test(chosen.id)) {
                    state.textContent = `Recorded speaker: ${chosen.text}`;
                } else {
                    state.textContent = `New speaker: ${chosen.id} (added when you save)`;
                }
            });
        }
        if (role) {
            $(role).select2({
                ajax: {data: autocompleteData(role, () => ({speaker: speaker ? ($(speaker).val() || '') : ''}))},
                allowClear: true,
                placeholder: '',
            });
            if (speaker) $(speaker).on('change', () => $(role).val(null).trigger('change'));
        }
        for (const select of document.querySelectorAll('select')) {
            if (select.classList.contains('select2-hidden-accessible')) labelSelect2(select);
        }
    }

    function startSourceSection() {
        const url = document.getElementById('id_source_url');
        if (!url) return;
        const recorded = document.getElementById('id_cite_source');
        const summary = document.getElementById('id_cite_source-summary');
        const names = ['source_title', 'source_outlet', 'source_published_at', 'source_timezone', 'source_byline'];
        const rows = names.map((name) => document.querySelector(`.field-${name}`)).filter(Boolean);
        const recordedRow = document.querySelector('.field-cite_source');
        const language = document.getElementById('id_language');
        const outlet = document.getElementById('id_source_outlet');
        const tz = document.getElementById('id_source_timezone');

        const showNew = (show) => rows.forEach((row) => row.classList.toggle('js-hidden', !show));
        const anyTyped = names.some((name) => (document.getElementById(`id_${name}`) || {}).value);
        const anyError = rows.some((row) => row.querySelector('.errorlist'));
        showNew(anyTyped || anyError);
        if (recordedRow && !recorded.value) recordedRow.classList.add('js-hidden');
        if (recorded.value) url.closest('.form-row').classList.add('js-hidden');

        const fillLanguage = (value) => {
            if (language && value && !language.value) language.value = value;
        };
        let asked = '';
        const lookUp = async () => {
            const value = url.value.trim();
            if (value === asked) return;
            asked = value;
            if (!value) { showNew(false); return; }
            try {
                const response = await fetch(`${url.dataset.lookupUrl}?url=${encodeURIComponent(value)}`);
                const found = await response.json();
                if (found.found) {
                    recorded.value = found.id;
                    summary.textContent = `${found.summary} (recorded source)`;
                    recordedRow.classList.remove('js-hidden');
                    showNew(false);
                    fillLanguage(found.language);
                } else {
                    recorded.value = '';
                    summary.textContent = '';
                    recordedRow.classList.add('js-hidden');
                    showNew(true);
                }
            } catch (error) {
                showNew(true);
            }
        };
        let pause;
        url.addEventListener('input', () => { clearTimeout(pause); pause = setTimeout(lookUp, 300); });
        url.addEventListener('change', lookUp);
        url.addEventListener('blur', lookUp);
        if (url.value.trim() && !recorded.value) lookUp();  // typed before this script started

        let zoneFilled = !tz.value;
        tz.addEventListener('input', () => { zoneFilled = false; });
        outlet.addEventListener('input', () => {
            const option = [...outlet.list.options].find((o) => o.value.toLowerCase() === outlet.value.trim().toLowerCase());
            if (!option) return;
            if (zoneFilled || !tz.value) { tz.value = option.dataset.timezone || ''; zoneFilled = true; }
            fillLanguage(option.dataset.language);
        });
    }

    // After the admin's own autocomplete.js has started its pickers (a ready handler registered earlier).
    $(() => setTimeout(() => {
        startPickers();
        startSourceSection();
    }));
    document.addEventListener('formset:added', (event) => {
        setTimeout(() => {  // once the admin has started the new row's pickers
            for (const select of event.target.querySelectorAll('select')) {
                if (select.classList.contains('select2-hidden-accessible')) labelSelect2(select);
            }
        });
    });
}
