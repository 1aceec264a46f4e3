// @vitest-environment happy-dom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, Form, Input, InputNumber } from 'antd';
import { createMemoryRouter, Link, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../api.js';
import { i18n } from '../i18n.js';
import { renderInApp, setupAppTests } from '../testing.js';
import { AppProviders } from './AppProviders.js';
import { Field, KitForm, requiredByPath, SaveBar } from './form-kit.js';

setupAppTests();

const ZThing = z.object({
  title: z.string().min(4).max(20),
  note: z.string().max(50).nullish(),
  description: z.string().default(''),
  used: z.object({ vin: z.string().min(1).max(17), plate: z.string().optional() }).optional(),
  items: z.array(z.object({ note: z.string().max(5).nullish() })),
});

function labelOf(text: string): HTMLElement {
  const label = screen.getByText(text, { selector: 'label' });
  return label;
}

function ThingForm({ onFinish }: { onFinish: (v: unknown) => unknown }) {
  return (
    <KitForm schema={ZThing} onFinish={onFinish} initialValues={{ items: [{ note: '' }, { note: '' }] }}>
      <Field name="title" label="标题">
        <Input data-testid="title" />
      </Field>
      <Field name="note" label="备注">
        <Input data-testid="note" />
      </Field>
      <Field name="description" label="描述">
        <Input />
      </Field>
      <Field name={['used', 'vin']} label="VIN 码">
        <Input data-testid="vin" />
      </Field>
      <Field name={['used', 'plate']} label="车牌">
        <Input />
      </Field>
      <Field name={['items', 1, 'note']} label="第二项说明">
        <Input data-testid="item-note" />
      </Field>
      <Field
        name="speed"
        label="最高车速"
        schemaPath={null}
        numberRule={{ min: 0, max: 400, step: 1, unit: 'km/h' }}
      >
        <InputNumber data-testid="speed" />
      </Field>
      <SaveBar>
        <Button htmlType="submit" data-testid="save">
          保存
        </Button>
      </SaveBar>
    </KitForm>
  );
}

describe('requiredByPath', () => {
  it('reads required from the Zod schema, nested paths included', () => {
    expect(requiredByPath(ZThing, 'title')).toBe(true);
    expect(requiredByPath(ZThing, 'note')).toBe(false);
    expect(requiredByPath(ZThing, 'description')).toBe(false);
    expect(requiredByPath(ZThing, ['used', 'vin'])).toBe(true);
    expect(requiredByPath(ZThing, ['used', 'plate'])).toBe(false);
    expect(requiredByPath(ZThing, ['items', 0, 'note'])).toBe(false);
    expect(requiredByPath(ZThing, 'unknown')).toBe(false);
  });
});

describe('KitForm', () => {
  it('marks exactly the fields the schema requires', () => {
    renderInApp(<ThingForm onFinish={() => undefined} />);
    const marked = (text: string) => labelOf(text).classList.contains('ant-form-item-required');
    expect(marked('标题')).toBe(true);
    expect(marked('VIN 码')).toBe(true);
    expect(marked('备注')).toBe(false);
    expect(marked('描述')).toBe(false);
    expect(marked('车牌')).toBe(false);
  });

  it('says what is wrong in the UI language, naming the field', async () => {
    renderInApp(<ThingForm onFinish={() => undefined} />);
    fireEvent.change(screen.getByTestId('title'), { target: { value: 'ab' } });
    fireEvent.click(screen.getByTestId('save'));
    expect(await screen.findByText('标题至少 4 个字')).toBeTruthy();
    expect(await screen.findByText('请填写VIN 码')).toBeTruthy();
  });

  it('refuses a number outside the value rule, with its unit', async () => {
    renderInApp(<ThingForm onFinish={() => undefined} />);
    fireEvent.change(screen.getByTestId('speed'), { target: { value: '-5' } });
    fireEvent.click(screen.getByTestId('save'));
    expect(await screen.findByText('最高车速不能小于 0 km/h')).toBeTruthy();
  });

  it('puts server field errors on their own fields, nested ones included', async () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', '请求参数有误', {
      fields: [
        { path: 'body.used.vin', message: 'VIN 码校验位不正确' },
        { path: 'body.items.1.note', message: '说明最多 5 个字' },
        { path: 'body.dealerId', message: '请选择经销商' },
      ],
    });
    renderInApp(<ThingForm onFinish={() => Promise.reject(error)} />);
    fireEvent.change(screen.getByTestId('title'), { target: { value: '一辆好车呀' } });
    fireEvent.change(screen.getByTestId('vin'), { target: { value: 'LSVAM4187C2184847' } });
    fireEvent.click(screen.getByTestId('save'));
    const vinError = await screen.findByText('VIN 码校验位不正确');
    expect(vinError.closest('.ant-form-item')?.querySelector('[data-testid="vin"]')).toBeTruthy();
    const noteError = await screen.findByText('说明最多 5 个字');
    expect(noteError.closest('.ant-form-item')?.querySelector('[data-testid="item-note"]')).toBeTruthy();
    // The one error without a field on this form goes to the alert; the others are not repeated there.
    expect(screen.getByTestId('form-error').textContent).toBe('请选择经销商');
  });

  it('shows English messages on an English page', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderInApp(<ThingForm onFinish={() => undefined} />);
    fireEvent.click(screen.getByTestId('save'));
    expect(await screen.findByText('标题 is required')).toBeTruthy();
  });

  it('marks unsaved changes and asks before leaving through an in-app link', async () => {
    const saved: unknown[] = [];
    const router = createMemoryRouter(
      [
        {
          path: '/edit',
          element: (
            <>
              <Link to="/elsewhere" data-testid="away">
                away
              </Link>
              <ThingForm onFinish={(v) => saved.push(v)} />
            </>
          ),
        },
        { path: '/elsewhere', element: <div data-testid="elsewhere">elsewhere</div> },
      ],
      { initialEntries: ['/edit'] },
    );
    render(
      <AppProviders>
        <RouterProvider router={router} />
      </AppProviders>,
    );
    expect(screen.queryByTestId('unsaved-mark')).toBeNull();
    fireEvent.change(screen.getByTestId('title'), { target: { value: '改过的标题' } });
    expect(await screen.findByTestId('unsaved-mark')).toBeTruthy();
    const beforeUnload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(beforeUnload);
    expect(beforeUnload.defaultPrevented).toBe(true);

    fireEvent.click(screen.getByTestId('away'));
    fireEvent.click(await screen.findByTestId('unsaved-stay'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/edit'));
    fireEvent.click(screen.getByTestId('away'));
    fireEvent.click(await screen.findByTestId('unsaved-leave'));
    expect(await screen.findByTestId('elsewhere')).toBeTruthy();
  });

  it('stops warning once the form is saved', async () => {
    renderInApp(<ThingForm onFinish={() => Promise.resolve()} />);
    fireEvent.change(screen.getByTestId('title'), { target: { value: '一辆好车呀' } });
    fireEvent.change(screen.getByTestId('vin'), { target: { value: 'LSVAM4187C2184847' } });
    expect(await screen.findByTestId('unsaved-mark')).toBeTruthy();
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(screen.queryByTestId('unsaved-mark')).toBeNull());
    // The listener goes with the effect cleanup, which React may run just after the commit.
    await waitFor(() => {
      const beforeUnload = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(beforeUnload);
      expect(beforeUnload.defaultPrevented).toBe(false);
    });
  });

  it('flags ad-law words under the field while typing, naming the word', async () => {
    renderInApp(
      <KitForm>
        <Field name="title" label="标题" adLawTerms={[{ term: '全网最低', severity: 'block' }]}>
          <Input data-testid="title" />
        </Field>
      </KitForm>,
    );
    fireEvent.change(screen.getByTestId('title'), { target: { value: '全网最低价 宝马X3' } });
    const warning = await screen.findByTestId('adlaw-warning');
    expect(warning.textContent).toContain('全网最低');
    expect(Form).toBeTruthy();
  });
});
